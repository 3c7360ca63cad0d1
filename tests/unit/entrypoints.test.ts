/**
 * The content scripts' match patterns are literal in the entrypoints (WXT reads them for the
 * manifest); they must be exactly the adapters' real origins, and both scripts must start at
 * document_start so the guard listens before the page does.
 */
import { describe, expect, it } from 'vitest';
import facebookScript from '../../entrypoints/facebook.content/index';
import xScript from '../../entrypoints/x.content/index';
import { facebookAdapter } from '../../lib/sites/facebook/adapter';
import { xAdapter } from '../../lib/sites/x/adapter';

describe('content script entrypoints', () => {
  it.each([
    ['x', xScript, xAdapter.matches],
    ['facebook', facebookScript, facebookAdapter.matches],
  ])('%s: matches are the adapter’s origins, run at document_start', (_site, script, matches) => {
    expect([...((script.matches ?? []) as string[])].sort()).toEqual([...matches].sort());
    expect(script.runAt).toBe('document_start');
  });

  it('asks for no host beyond the six sites’ origins', () => {
    for (const p of [...xAdapter.matches, ...facebookAdapter.matches]) {
      expect(p).toMatch(/^https:\/\/(mobile\.|www\.|web\.|m\.)?(x|twitter|facebook)\.com\/\*$/);
    }
  });
});
