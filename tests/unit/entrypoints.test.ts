/**
 * The one content script runs on exactly the registry's origins (WXT reads `matches` for the
 * manifest) and starts at document_start, so the guard listens before the page does.
 */
import { describe, expect, it } from 'vitest';
import guardScript from '../../entrypoints/guard.content/index';
import { CONTENT_MATCHES, SITES, siteForHost } from '../../lib/sites/registry';

describe('the content script entrypoint', () => {
  it('matches every guarded site’s origins, from the registry, at document_start', () => {
    expect([...((guardScript.matches ?? []) as string[])].sort()).toEqual([...CONTENT_MATCHES].sort());
    expect(guardScript.runAt).toBe('document_start');
  });

  it('asks for no host beyond the guarded sites’ own origins', () => {
    for (const p of CONTENT_MATCHES) {
      expect(p).toMatch(/^https:\/\/(mobile\.|www\.|web\.|m\.)?(x|twitter|facebook|instagram|threads|tiktok|youtube)\.(com|net)\/\*$/);
    }
  });

  it('finds the site of every origin it runs on, and none elsewhere', () => {
    for (const site of SITES) {
      for (const p of site.matches) expect(siteForHost(new URL(p.replace('*', '')).hostname)?.id).toBe(site.id);
    }
    expect(siteForHost('example.com')).toBeNull();
    expect(siteForHost('notx.com')).toBeNull();
    expect(siteForHost('x.com.evil.test')).toBeNull();
  });
});
