import { describe, expect, it } from 'vitest';
import { RECENT_WINDOW_MS, RecentWarnings } from '../../lib/guard/recent';

const NOW = Date.UTC(2026, 11, 6, 12);

describe('RecentWarnings', () => {
  it('counts shown warnings (warned, blocked) per account within the last 7 days', () => {
    const r = new RecentWarnings();
    r.load(
      [
        { at: NOW - 1000, entryId: 'x:@a', outcome: 'warned' },
        { at: NOW - 2000, entryId: 'x:@a', outcome: 'cancelled' },
        { at: NOW - 3000, entryId: 'x:@a', outcome: 'blocked' },
        { at: NOW - 4000, entryId: 'x:@a', outcome: 'audited' },
        { at: NOW - RECENT_WINDOW_MS - 1, entryId: 'x:@a', outcome: 'warned' },
        { at: NOW - 5000, entryId: 'x:@b', outcome: 'warned' },
      ],
      NOW,
    );
    expect(r.count('x:@a', NOW)).toBe(2);
    expect(r.count('x:@b', NOW)).toBe(1);
    expect(r.count('x:@c', NOW)).toBe(0);
    r.add('x:@c', NOW);
    expect(r.count('x:@c', NOW)).toBe(1);
    // A week later the old ones no longer count.
    expect(r.count('x:@a', NOW + RECENT_WINDOW_MS)).toBe(0);
  });

  it('replaces, not adds to, what it knew on each load, and ignores malformed records', () => {
    const r = new RecentWarnings();
    r.add('x:@a', NOW);
    r.load([{ at: NOW, entryId: 'x:@a', outcome: 'warned' }, null as never, { at: 'x', entryId: 'x:@a', outcome: 'warned' } as never], NOW);
    expect(r.count('x:@a', NOW)).toBe(1);
    r.load(undefined, NOW);
    expect(r.count('x:@a', NOW)).toBe(0);
  });
});
