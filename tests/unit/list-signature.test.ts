import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../lib/accounts/base64';
import {
  formatPublicKey,
  generateKeyPair,
  importPrivatePem,
  parsePublicKey,
  publicKeyFromPrivatePem,
  samePublicKey,
  sign,
  verify,
} from '../../lib/list/signature';

const enc = (s: string) => new TextEncoder().encode(s);

// RFC 8032 §7.1, TEST 1: a fixed key pair and the signature of the empty message.
const RFC_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SIG =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
const hex = (h: string) => new Uint8Array(h.match(/../g)!.map((b) => parseInt(b, 16)));
/** PKCS#8 wrapping of an Ed25519 seed (RFC 8410), as `openssl genpkey -algorithm ed25519` writes. */
function pemOfSeed(seedHex: string): string {
  const der = new Uint8Array([...hex('302e020100300506032b657004220420'), ...hex(seedHex)]);
  return `-----BEGIN PRIVATE KEY-----\n${bytesToBase64(der)}\n-----END PRIVATE KEY-----\n`;
}

describe('Ed25519 list signatures (WebCrypto)', () => {
  it('generates a PKCS#8 PEM and an ed25519:<base64> public key of 32 bytes', async () => {
    const { privatePem, publicKey } = await generateKeyPair();
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    expect(publicKey).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
    expect(parsePublicKey(publicKey)).toHaveLength(32);
    expect(await publicKeyFromPrivatePem(privatePem)).toBe(publicKey);
  });

  it('signs and verifies; a changed message, signature or key does not verify', async () => {
    const a = await generateKeyPair();
    const b = await generateKeyPair();
    const key = await importPrivatePem(a.privatePem);
    const sig = await sign(enc('daftar v1'), key);
    expect(base64ToBytes(sig)).toHaveLength(64);
    expect(await verify(enc('daftar v1'), sig, a.publicKey)).toBe(true);
    expect(await verify(enc('daftar v2'), sig, a.publicKey)).toBe(false);
    expect(await verify(enc('daftar v1'), sig, b.publicKey)).toBe(false);
    const flipped = base64ToBytes(sig);
    flipped[10] ^= 1;
    expect(await verify(enc('daftar v1'), bytesToBase64(flipped), a.publicKey)).toBe(false);
  });

  it('treats a malformed signature as invalid rather than throwing', async () => {
    const { publicKey } = await generateKeyPair();
    expect(await verify(enc('x'), '', publicKey)).toBe(false);
    expect(await verify(enc('x'), 'not base64 at all!', publicKey)).toBe(false);
    expect(await verify(enc('x'), bytesToBase64(new Uint8Array(63)), publicKey)).toBe(false);
  });

  it('matches the RFC 8032 test vector (interoperable with openssl-made keys)', async () => {
    const pem = pemOfSeed(RFC_SEED);
    expect(parsePublicKey(await publicKeyFromPrivatePem(pem))).toEqual(hex(RFC_PUBLIC));
    const sig = await sign(new Uint8Array(0), await importPrivatePem(pem));
    expect(base64ToBytes(sig)).toEqual(hex(RFC_SIG));
    expect(await verify(new Uint8Array(0), bytesToBase64(hex(RFC_SIG)), formatPublicKey(hex(RFC_PUBLIC)))).toBe(true);
  });

  it('parses public keys written in several ways, as the same bytes', () => {
    const raw = hex(RFC_PUBLIC);
    const std = formatPublicKey(raw);
    const urlSafe = `ED25519:${bytesToBase64(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    expect(parsePublicKey(`  ${std}\n`)).toEqual(raw);
    expect(parsePublicKey(urlSafe)).toEqual(raw);
    expect(samePublicKey(std, urlSafe)).toBe(true);
    expect(samePublicKey(std, formatPublicKey(new Uint8Array(32)))).toBe(false);
    expect(samePublicKey(std, 'garbage')).toBe(false);
  });

  it('rejects malformed public keys with a message saying what is wrong', () => {
    expect(() => parsePublicKey(bytesToBase64(hex(RFC_PUBLIC)))).toThrow(/must start with "ed25519:"/);
    expect(() => parsePublicKey('rsa:AAAA')).toThrow(/must start with "ed25519:"/);
    expect(() => parsePublicKey('ed25519:***')).toThrow(/not valid base64/);
    expect(() => parsePublicKey(`ed25519:${bytesToBase64(new Uint8Array(31))}`)).toThrow(/31 bytes; an Ed25519 key has 32/);
  });

  it('rejects private key text that is not an unencrypted PKCS#8 Ed25519 PEM', async () => {
    await expect(importPrivatePem('hello')).rejects.toThrow(/BEGIN PRIVATE KEY/);
    await expect(importPrivatePem('-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----')).rejects.toThrow(
      /found "RSA PRIVATE KEY"/,
    );
    await expect(importPrivatePem('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----')).rejects.toThrow(
      /encrypted/,
    );
    await expect(importPrivatePem('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')).rejects.toThrow(
      /not an Ed25519 private key/,
    );
  });

  it('imports the signing key as non-extractable', async () => {
    const key = await importPrivatePem((await generateKeyPair()).privatePem);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', key)).rejects.toThrow();
  });
});
