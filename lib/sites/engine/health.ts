/**
 * Detection health: does this tab's page still show what a working page of the site must
 * have (posts or a profile header), and the action controls inside them? When a site
 * renames its like button, the guard would otherwise go quiet without anyone noticing; this
 * makes it visible (popup, options page, and an audit event when reporting is on), and it
 * recovers by itself when the hooks match again (e.g. after a signed hooks update).
 */
import type { SiteHealth } from '../../hooks/types';
import type { CompiledHooks } from './hooks';

export interface HealthProbe {
  /** False: not a page that must show content (settings, a login page), or an empty one. */
  checked: boolean;
  /** The first required hook that found nothing. */
  missing: string | null;
}

/** How many content elements are looked into for the controls (the first ones suffice). */
const MAX_CONTAINERS = 50;

/** One look at the page. Runs when idle after mutations, never on the input path. */
export function probeHealth(doc: Document, path: string, hooks: CompiledHooks): HealthProbe {
  if (!hooks.required.length || !doc.body) return { checked: false, missing: null };
  if (hooks.healthPages.length && !hooks.healthPages.some((t) => t.match(path))) return { checked: false, missing: null };
  // A page still loading, or one that shows an error, has no content to hold hooks to.
  const minText = hooks.threshold('healthMinText', 200);
  if ((doc.body.textContent ?? '').trim().length < minText) return { checked: false, missing: null };

  const content = hooks.required.filter((r) => r.kind === 'content');
  const containers: Element[] = [];
  for (const r of content) {
    for (const el of hooks.hook(r.name).all(doc)) {
      containers.push(el);
      if (containers.length >= MAX_CONTAINERS) break;
    }
  }
  if (content.length && !containers.length) return { checked: true, missing: content[0].name };
  // Controls are looked for inside the content found (a few dozen small queries), never over
  // the whole document: a busy feed has thousands of buttons.
  const scopes: (Element | Document)[] = containers.length ? containers : [doc];
  for (const r of hooks.required) {
    if (r.kind !== 'control') continue;
    const found = scopes.some((c) => r.alternatives.some((name) => hooks.hook(name).first(c) !== null));
    if (!found) return { checked: true, missing: r.name };
  }
  return { checked: true, missing: null };
}

/**
 * Turns probes into a status. A miss counts only when it lasts `graceMs` (pages fill in
 * over time); a match recovers at once. `report` is called on changes only.
 */
export class HealthMonitor {
  private status: SiteHealth | null = null;
  private missSince = 0;
  private missHook: string | null = null;

  constructor(
    private readonly report: (h: SiteHealth) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Feeds one probe; returns ms after which a re-probe can confirm a pending miss (0: none pending). */
  feed(probe: HealthProbe, hooks: CompiledHooks): number {
    if (!probe.checked) return 0;
    const t = this.now();
    if (!probe.missing) {
      this.missSince = 0;
      this.missHook = null;
      this.set({ site: hooks.site, status: 'ok', hooksVersion: hooks.version, at: t });
      return 0;
    }
    const grace = hooks.threshold('healthGraceMs', 2000);
    if (this.missHook !== probe.missing) {
      this.missHook = probe.missing;
      this.missSince = t;
    }
    if (t - this.missSince >= grace) {
      this.set({ site: hooks.site, status: 'degraded', hook: probe.missing, hooksVersion: hooks.version, at: t });
      return 0;
    }
    return grace - (t - this.missSince);
  }

  /** New hooks: start over (the old status says nothing about them). */
  reset(): void {
    this.missSince = 0;
    this.missHook = null;
  }

  get current(): SiteHealth | null {
    return this.status;
  }

  private set(h: SiteHealth): void {
    const s = this.status;
    if (s && s.status === h.status && s.hook === h.hook && s.hooksVersion === h.hooksVersion) return;
    this.status = h;
    this.report(h);
  }
}
