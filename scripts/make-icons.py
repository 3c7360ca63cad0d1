#!/usr/bin/env python3
"""Draws the extension icon (a blue shield with a white check) as PNGs in public/icon/.

Plain Python (zlib + struct), supersampled for smooth edges, so no image tooling is needed.
Run: python3 scripts/make-icons.py
"""
import os
import struct
import zlib

BLUE = (11, 61, 145)
WHITE = (255, 255, 255)
OUT = os.path.join(os.path.dirname(__file__), '..', 'public', 'icon')


def inside_shield(x, y):
    # Unit square coordinates, 0..1. A shield: straight top part, pointed bottom.
    if not (0.14 <= x <= 0.86 and 0.08 <= y <= 0.94):
        return False
    if y <= 0.55:
        return True
    # Below 0.55 the sides curve in to a point at (0.5, 0.94).
    t = (y - 0.55) / (0.94 - 0.55)
    half = 0.36 * (1 - t ** 1.6)
    return abs(x - 0.5) <= half


def on_check(x, y):
    # Two thick strokes: (0.32,0.50)→(0.45,0.64) and (0.45,0.64)→(0.70,0.36).
    def seg(ax, ay, bx, by, w):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        px, py = ax + t * dx, ay + t * dy
        return (x - px) ** 2 + (y - py) ** 2 <= w * w
    return seg(0.32, 0.50, 0.45, 0.64, 0.06) or seg(0.45, 0.64, 0.70, 0.36, 0.06)


def render(size, ss=4):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            r = g = b = a = 0
            for sj in range(ss):
                for si in range(ss):
                    x = (i + (si + 0.5) / ss) / size
                    y = (j + (sj + 0.5) / ss) / size
                    if inside_shield(x, y):
                        c = WHITE if on_check(x, y) else BLUE
                        r += c[0]; g += c[1]; b += c[2]; a += 255
            n = ss * ss
            if a:
                row += bytes((r * 255 // a, g * 255 // a, b * 255 // a, a // n))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    raw = b''.join(rows)

    def chunk(tag, data):
        c = struct.pack('>I', len(data)) + tag + data
        return c + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)

    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    for s in (16, 32, 48, 128):
        with open(os.path.join(OUT, f'{s}.png'), 'wb') as f:
            f.write(render(s))
    print('wrote', ', '.join(f'public/icon/{s}.png' for s in (16, 32, 48, 128)))
