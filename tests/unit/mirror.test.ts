import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { commit, reconcile } from '../../lib/background/generation';
import { TAB_KEYS } from '../../lib/background/mirror';
import { browser } from '../../lib/browser';
import { readStartup } from '../../lib/guard/runtime';
import { KEYS, type Committed } from '../../lib/storage/items';

const KEYS_X = [KEYS.config, KEYS.shards('x')];
const pointer = (gen: number): Committed => ({ schema: 2, gen, chunks: {}, retired: {} });

describe('the session mirror of what tabs read at start-up', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads from session storage when it holds the committed pointer, in the same get', async () => {
    await fakeBrowser.storage.local.set({ [KEYS.config]: { mode: 'warn' }, [KEYS.shards('x')]: ['old'] });
    await fakeBrowser.storage.session.set({ [KEYS.state]: pointer(4), [KEYS.config]: { mode: 'block' }, [KEYS.shards('x')]: ['new'] });
    const get = vi.spyOn(browser.storage.session, 'get');
    const r = await readStartup(KEYS_X);
    expect(r.area).toBe('session');
    expect(r.got[KEYS.shards('x')]).toEqual(['new']);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('falls back to storage.local when the mirror has no pointer (a switch under way), or session storage refuses', async () => {
    await fakeBrowser.storage.local.set({ [KEYS.config]: { mode: 'warn' }, [KEYS.shards('x')]: ['local'] });
    // Every key there, but no pointer vouching for them: a commit removed it, or a worker died.
    await fakeBrowser.storage.session.set({ [KEYS.config]: { mode: 'block' }, [KEYS.shards('x')]: ['s'] });
    expect((await readStartup(KEYS_X)).area).toBe('local');
    await fakeBrowser.storage.session.set({ [KEYS.state]: pointer(1) });
    vi.spyOn(browser.storage.session, 'get').mockRejectedValueOnce(new Error('Access to storage is not allowed from this context.'));
    const r = await readStartup(KEYS_X);
    expect(r.area).toBe('local');
    expect(r.got[KEYS.shards('x')]).toEqual(['local']);
  });

  it('a commit mirrors only the tab-facing keys with the pointer, and clears the mirror when session storage is full', async () => {
    await reconcile();
    await commit({ tab: { [KEYS.config]: { mode: 'warn' }, [KEYS.shards('x')]: [] }, own: { [KEYS.sources]: [] } });
    const all = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(all).sort()).toEqual([KEYS.config, KEYS.shards('x'), KEYS.state].sort());
    expect((all[KEYS.state] as Committed).gen).toBe(2);
    vi.spyOn(browser.storage.session, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await commit({ tab: { [KEYS.shards('facebook')]: ['big'] } });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect((await readStartup(KEYS_X)).area).toBe('local');
  });

  it('fills an empty mirror (after a browser restart) from storage.local, with the committed pointer', async () => {
    await fakeBrowser.storage.local.set({ [KEYS.config]: { mode: 'justify' }, [KEYS.shards('x')]: ['x-shard'] });
    await reconcile();
    const s = await fakeBrowser.storage.session.get(null);
    expect(s[KEYS.config]).toEqual({ mode: 'justify' });
    expect(s[KEYS.shards('x')]).toEqual(['x-shard']);
    expect(s[KEYS.state]).toEqual((await fakeBrowser.storage.local.get(KEYS.state))[KEYS.state]);
    for (const k of Object.keys(s)) expect([...TAB_KEYS, KEYS.state]).toContain(k);
    expect((await readStartup([KEYS.config, KEYS.shards('facebook')])).area).toBe('session');
  });

  it('refills a mirror whose pointer is not the committed one (a worker killed after the switch)', async () => {
    await reconcile();
    await commit({ tab: { [KEYS.config]: { mode: 'warn' }, [KEYS.shards('x')]: ['v1'] } });
    // As a kill between the switch and the mirror would leave it, had the pointer stayed.
    await fakeBrowser.storage.local.set({ [KEYS.shards('x')]: ['v2'], [KEYS.state]: pointer(3) });
    await reconcile();
    const r = await readStartup(KEYS_X);
    expect(r.area).toBe('session');
    expect(r.got[KEYS.shards('x')]).toEqual(['v2']);
  });
});
