/**
 * The guarded sites, declared once. The content script's match patterns (and so the
 * manifest), the demo, the popup and options pages, and the tests all derive from this list.
 * Adding a site is its own folder (`lib/sites/<site>/`: urls.ts, hooks.json, adapter.ts,
 * index.ts) plus one line here. Sites never import each other.
 */
import { xSite } from './x';
import { facebookSite } from './facebook';
import { instagramSite } from './instagram';
import { threadsSite } from './threads';
import { tiktokSite } from './tiktok';
import { youtubeSite } from './youtube';
import type { SiteId } from '../model';
import type { SiteDefinition } from './registry-types';

export type { SiteDefinition } from './registry-types';

export const SITES: readonly SiteDefinition[] = [xSite, facebookSite, instagramSite, threadsSite, tiktokSite, youtubeSite];

/** The ids of the guarded sites, in registry order. */
export const GUARDED_SITES: readonly SiteId[] = SITES.map((s) => s.id);

/** Every match pattern of every guarded site: the one content script runs on exactly these. */
export const CONTENT_MATCHES: string[] = SITES.flatMap((s) => [...s.matches]);

/** The site a page belongs to, by its hostname (`www.`, `m.`, `mobile.`, `web.` fold in). */
export function siteForHost(hostname: string): SiteDefinition | null {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return SITES.find((s) => s.hosts.some((d) => h === d || h.endsWith(`.${d}`))) ?? null;
}

export function siteById(id: string): SiteDefinition | null {
  return SITES.find((s) => s.id === id) ?? null;
}
