/**
 * What the popup and the options page show, read from storage.local in one call and kept
 * live through storage.onChanged (the background writes; the pages only read, except the
 * options page's own `jn.user`).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../../browser';
import { resolveLocale, t } from '../../i18n/common';
import { PAGE, describeHooksSourceError } from '../../i18n/pages';
import type { HooksInForce, SiteHealth } from '../../hooks/types';
import { describeListError, isListErrorCode } from '../../list/errors';
import { isPlatform, PLATFORMS, type Locale, type SiteId } from '../../model';
import { effectiveConfig } from '../../policy/effective';
import type { EffectiveConfig, PolicyState, UserSettings } from '../../policy/types';
import { KEYS } from '../../storage/items';
import type { GuardEvent, HooksSourceStatus, ReportState, SourceStatus } from '../../storage/items';

export interface PageData {
  /** The config in force: the background's cached copy, else computed here. */
  config: EffectiveConfig;
  sources: SourceStatus[];
  /** Newest first. */
  events: GuardEvent[];
  policy?: PolicyState;
  user: UserSettings;
  /** Delivery of audit reports, when reporting is or was on (never the queue itself: it can be large). */
  report?: ReportState;
  /** Reports dropped from a full queue and not yet reported. */
  reportDropped: number;
  /** Per site, the detection health a tab last reported (absent: not checked yet). */
  health: Partial<Record<SiteId, SiteHealth>>;
  /** Per site, the downloaded hooks the background put in force (absent: none, the bundled ones run). */
  hooksInForce: Partial<Record<SiteId, HooksInForce>>;
  hooksSources: HooksSourceStatus[];
}

const WATCHED: string[] = [
  KEYS.config,
  KEYS.sources,
  KEYS.events,
  KEYS.policy,
  KEYS.user,
  KEYS.reportState,
  KEYS.reportDropped,
  KEYS.health,
  KEYS.hooksSources,
  ...PLATFORMS.map((p) => KEYS.hooks(p)),
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads everything at once. Malformed values (older layouts, hand edits) read as absent. */
export async function loadPageData(): Promise<PageData> {
  const got = (await browser.storage.local.get(WATCHED)) as Record<string, unknown>;
  const policy = isObject(got[KEYS.policy]) ? (got[KEYS.policy] as unknown as PolicyState) : undefined;
  const user = isObject(got[KEYS.user]) ? (got[KEYS.user] as UserSettings) : {};
  const stored = got[KEYS.config];
  // Over a locally computed copy, so a field missing from an older cached layout still has
  // a value.
  const config: EffectiveConfig = {
    ...effectiveConfig(policy, user),
    ...(isObject(stored) && Array.isArray(stored.sites) && typeof stored.mode === 'string'
      ? (stored as unknown as EffectiveConfig)
      : {}),
  };
  const sources = Array.isArray(got[KEYS.sources])
    ? (got[KEYS.sources] as unknown[]).filter((s): s is SourceStatus => isObject(s) && typeof s.url === 'string')
    : [];
  const events = Array.isArray(got[KEYS.events])
    ? (got[KEYS.events] as unknown[])
        .filter((e): e is GuardEvent => isObject(e) && typeof e.at === 'number')
        .sort((a, b) => b.at - a.at)
    : [];
  const report = isObject(got[KEYS.reportState]) ? (got[KEYS.reportState] as unknown as ReportState) : undefined;
  const dropped = got[KEYS.reportDropped];
  const reportDropped = typeof dropped === 'number' && dropped > 0 ? dropped : 0;
  const health: Partial<Record<SiteId, SiteHealth>> = {};
  if (isObject(got[KEYS.health])) {
    for (const [site, h] of Object.entries(got[KEYS.health] as Record<string, unknown>)) {
      if (isPlatform(site) && isObject(h) && (h.status === 'ok' || h.status === 'degraded') && typeof h.hooksVersion === 'number') {
        health[site] = h as unknown as SiteHealth;
      }
    }
  }
  const hooksInForce: Partial<Record<SiteId, HooksInForce>> = {};
  for (const site of PLATFORMS) {
    const v = got[KEYS.hooks(site)];
    if (isObject(v) && typeof v.source === 'string' && isObject(v.hooks) && typeof v.hooks.hooksVersion === 'number') {
      hooksInForce[site] = v as unknown as HooksInForce;
    }
  }
  const hooksSources = Array.isArray(got[KEYS.hooksSources])
    ? (got[KEYS.hooksSources] as unknown[]).filter((s): s is HooksSourceStatus => isObject(s) && typeof s.url === 'string')
    : [];
  return { config, sources, events, policy, user, report, reportDropped, health, hooksInForce, hooksSources };
}

/** Page data, reloaded whenever one of its storage keys changes. */
export function usePageData(): { data: PageData | undefined; error: boolean; reload: () => Promise<void> } {
  const [data, setData] = useState<PageData>();
  const [error, setError] = useState(false);

  async function reload(): Promise<void> {
    try {
      setData(await loadPageData());
      setError(false);
    } catch {
      setError(true);
    }
  }

  useEffect(() => {
    let live = true;
    const load = () => {
      loadPageData().then(
        (d) => live && (setData(d), setError(false)),
        () => live && setError(true),
      );
    };
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && WATCHED.some((k) => k in changes)) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    load();
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return { data, error, reload };
}

/** The browser's UI language; optional API (not in every test double or browser). */
export function uiLanguage(): string | undefined {
  try {
    const get = browser.i18n?.getUILanguage;
    if (typeof get === 'function') return get.call(browser.i18n);
  } catch {
    /* fall through */
  }
  return typeof navigator !== 'undefined' ? navigator.language : undefined;
}

export function pageLocale(config: Pick<EffectiveConfig, 'locale'> | undefined): Locale {
  return resolveLocale(config?.locale, uiLanguage());
}

export function formatTime(ms: number | undefined, locale: Locale): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  try {
    return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

export { DEMO_SOURCE } from '../../list/demo';

/** Sources whose list is in force (they have a last good version). */
export function sourcesInForce(sources: SourceStatus[]): SourceStatus[] {
  return sources.filter((s) => typeof s.version === 'number');
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** `https://host/path` → `https://host`; undefined for anything that is not http(s). */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a source failed, in the page's language, and whether a list from it stays in force.
 * The background stores `error` in Indonesian; with a known `errorCode` the sentence is
 * rebuilt in the page's language (describeListError says whether an old list stays).
 */
export function sourceProblem(s: SourceStatus, locale: Locale): string[] {
  if (!s.error && !s.errorCode) return [];
  const hasList = typeof s.version === 'number';
  if (isListErrorCode(s.errorCode)) return [describeListError(s.errorCode, s.errorDetail, locale, hasList)];
  return [s.error || String(s.errorCode), hasList ? t(PAGE.lastGoodStays, locale) : t(PAGE.noGoodYet, locale)];
}

/** Why a hooks source failed, in the page's language ('' when it did not). */
export function hooksSourceProblem(s: HooksSourceStatus, locale: Locale): string {
  if (!s.error && !s.errorCode) return '';
  if (typeof s.errorCode === 'string') return describeHooksSourceError(s.errorCode, s.errorDetail, locale);
  return s.error;
}
