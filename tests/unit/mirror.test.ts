import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureMirror, mirror, MIRRORED } from '../../lib/background/mirror';
import { browser } from '../../lib/browser';
import { readStartup } from '../../lib/guard/runtime';
import { KEYS } from '../../lib/storage/items';

const KEYS_X = [KEYS.config, KEYS.shards('x')];

describe('the session mirror of what tabs read at start-up', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads from session storage when it holds every key asked for', async () => {
    await fakeBrowser.storage.local.set({ [KEYS.config]: { mode: 'warn' }, [KEYS.shards('x')]: ['old'] });
    await fakeBrowser.storage.session.set({ [KEYS.config]: { mode: 'block' }, [KEYS.shards('x')]: ['new'] });
    const r = await readStartup(KEYS_X);
    expect(r.area).toBe('session');
    expect(r.got[KEYS.shards('x')]).toEqual(['new']);
  });

  it('falls back to storage.local when a key is missing from the mirror, or session storage refuses', async () => {
    await fakeBrowser.storage.local.set({ [KEYS.config]: { mode: 'warn' }, [KEYS.shards('x')]: ['local'] });
    await fakeBrowser.storage.session.set({ [KEYS.config]: { mode: 'warn' } });
    expect((await readStartup(KEYS_X)).area).toBe('local');
    await fakeBrowser.storage.session.set({ [KEYS.shards('x')]: ['s'] });
    vi.spyOn(browser.storage.session, 'get').mockRejectedValueOnce(new Error('Access to storage is not allowed from this context.'));
    const r = await readStartup(KEYS_X);
    expect(r.area).toBe('local');
    expect(r.got[KEYS.shards('x')]).toEqual(['local']);
  });

  it('mirrors only the tab-facing keys, and clears the mirror when session storage is full', async () => {
    await mirror({ [KEYS.config]: { mode: 'warn' }, [KEYS.sources]: [], [KEYS.shards('x')]: [] });
    const all = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(all).sort()).toEqual([KEYS.config, KEYS.shards('x')].sort());
    vi.spyOn(browser.storage.session, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await mirror({ [KEYS.shards('facebook')]: ['big'] });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('fills an empty mirror (after a browser restart) from storage.local, every key present', async () => {
    await fakeBrowser.storage.local.set({ [KEYS.config]: { mode: 'justify' }, [KEYS.shards('x')]: ['x-shard'] });
    await ensureMirror();
    const s = await fakeBrowser.storage.session.get(null);
    expect(s[KEYS.config]).toEqual({ mode: 'justify' });
    expect(s[KEYS.shards('x')]).toEqual(['x-shard']);
    for (const k of MIRRORED) expect(s[k]).toBeDefined(); // platforms with no list: []
    expect((await readStartup([KEYS.config, KEYS.shards('facebook')])).area).toBe('session');
  });
});
