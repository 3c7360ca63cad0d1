/**
 * The never-throw wrapper every adapter's public face goes through. The page is foreign
 * markup read inside an input event: a throw there would let the action through unchecked
 * and log noise on every click, so the contract is null / [] instead.
 */
import type { SiteAdapter } from '../types';
import { isElement, safely } from './dom';

export function neverThrow(a: SiteAdapter): SiteAdapter {
  return {
    site: a.site,
    platform: a.platform,
    hooksVersion: a.hooksVersion,
    resolveControl: (t, l) => (isElement(t) ? safely(() => a.resolveControl(t, l), null) : null),
    resolveShortcut: (e, l) => safely(() => a.resolveShortcut(e, l), null),
    resolveDoubleTap: (t, l) => (isElement(t) ? safely(() => a.resolveDoubleTap(t, l), null) : null),
    resolveSend: (t, l) => (isElement(t) ? safely(() => a.resolveSend(t, l), null) : null),
    findPosts: (r) => (typeof (r as Element)?.querySelectorAll === 'function' ? safely(() => a.findPosts(r), []) : []),
    scanKeys: (r, visit) => {
      if (!isElement(r) || typeof visit !== 'function') return;
      safely(() => a.scanKeys(r, visit), undefined);
    },
    identitiesOf: (p, l) => (isElement(p) ? safely(() => a.identitiesOf(p, l), []) : []),
  };
}
