/**
 * Hooks sync (issue 8): every URL in policy `hooksUrls` is fetched (conditionally, with a
 * time and a size limit), parsed, verified against the trusted keys and checked against this
 * build's engine. Like lists, the last good document of each source stays in force whatever
 * goes wrong with a newer one, and the reason is kept in words (HooksSourceStatus). A
 * rollback — a version not higher than the one in force from that source — is refused.
 *
 * Then, per site, `jn.hooks.<site>` holds the hooks of the highest version any accepted
 * document carries for it (lib/hooks/choose.ts), or null when none does. Tabs compare
 * that with their bundled hooks and run the higher, so the background never needs the
 * bundled copy, and an extension update that bundles newer hooks wins by itself.
 */
import { browser } from '../browser';
import { hooksInForce, type AcceptedHooks } from '../hooks/choose';
import { HooksError } from '../hooks/errors';
import { checkEngine, parseSignedHooks, verifySignedHooks } from '../hooks/signed';
import type { HooksInForce, HooksPayload } from '../hooks/types';
import { describeHooksSourceError } from '../i18n/pages';
import { ListError } from '../list/errors';
import { fetchList } from '../list/fetch';
import { samePublicKey } from '../list/signature';
import { PLATFORMS, type SiteId } from '../model';
import type { EffectiveConfig } from '../policy/types';
import { KEYS, type HooksSourceStatus } from '../storage/items';
import { notifyTabs } from './notify';
import { commit, unlocked } from './generation';
import { createSerial, type Serial } from './serial';

/** A hooks document is a few kilobytes per site; 1 MB leaves room and stops a runaway server. */
export const HOOKS_MAX_BYTES = 1024 * 1024;
export const HOOKS_TIMEOUT_MS = 30_000;

export interface HooksSyncOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
  now?: () => number;
}

type Docs = Record<string, HooksPayload>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks every hooks source once and updates what tabs read. Not serialised by itself: the
 * background runs it through the runner it creates at start (createHooksSync); `lock` is the
 * background's write lock, held only for the switch.
 */
export async function syncHooks(
  config: Pick<EffectiveConfig, 'hooksUrls' | 'hooksPublicKeys'>,
  opts: HooksSyncOptions = {},
  lock: Serial = unlocked,
): Promise<HooksSourceStatus[]> {
  const siteKeys = PLATFORMS.map((s) => KEYS.hooks(s));
  const stored = await browser.storage.local.get([KEYS.hooksSources, KEYS.hooksDocs, ...siteKeys]);
  const prevSources = Array.isArray(stored[KEYS.hooksSources])
    ? (stored[KEYS.hooksSources] as HooksSourceStatus[]).filter((s) => isObject(s) && typeof s.url === 'string')
    : [];
  const prevDocs: Docs = isObject(stored[KEYS.hooksDocs]) ? (stored[KEYS.hooksDocs] as Docs) : {};
  const prevByUrl = new Map(prevSources.map((s) => [s.url, s]));

  const urls = [...new Set(config.hooksUrls)];
  const next: HooksSourceStatus[] = [];
  const docs: Docs = {};
  for (const url of urls) {
    let prev: HooksSourceStatus = prevByUrl.get(url) ?? { url, error: '' };
    let prevDoc: HooksPayload | undefined = prevDocs[url];
    if (prev.hooksVersion === undefined || !prevDoc || prevDoc.hooksVersion !== prev.hooksVersion) {
      // Nothing (consistent) in force from this source: download and check unconditionally.
      prev = { url, error: prev.error, ...(prev.errorCode ? { errorCode: prev.errorCode, errorDetail: prev.errorDetail } : {}) };
      prevDoc = undefined;
    } else if (!prev.publicKey || !config.hooksPublicKeys.some((k) => samePublicKey(k, prev.publicKey!))) {
      // Signed by a key the policy no longer trusts: it stops being in force now, and a
      // rollback check against it would be meaningless.
      prev = { url, error: '' };
      prevDoc = undefined;
    }
    const r = await syncOne(url, prev, prevDoc, config.hooksPublicKeys, opts);
    next.push(r.status);
    if (r.doc) docs[url] = r.doc;
  }

  const accepted: AcceptedHooks[] = urls.filter((u) => docs[u]).map((u) => ({ source: u, payload: docs[u] }));
  const chosen = hooksInForce(accepted);

  // What tabs read switches in one generation (lib/background/generation.ts) with the
  // sources and documents it came from; a hooks update no longer in force becomes null.
  const tab: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  for (const site of PLATFORMS) {
    const key = KEYS.hooks(site);
    const want: HooksInForce | undefined = chosen[site];
    const have = stored[key] ?? undefined;
    if (want === undefined) {
      if (have !== undefined) tab[key] = null;
    } else if (JSON.stringify(want) !== JSON.stringify(have)) {
      tab[key] = want;
    }
  }
  if (JSON.stringify(next) !== JSON.stringify(prevSources)) own[KEYS.hooksSources] = next;
  if (JSON.stringify(docs) !== JSON.stringify(prevDocs)) own[KEYS.hooksDocs] = docs;

  if (Object.keys(tab).length > 0) {
    await lock(() => commit({ tab, own }));
    await notifyTabs();
  } else if (Object.keys(own).length > 0) {
    await browser.storage.local.set(own);
  }
  return next;
}

/** A hooks sync that runs one at a time (an alarm, a policy change and "sync now" may meet). */
export function createHooksSync(
  opts: HooksSyncOptions = {},
  lock: Serial = unlocked,
): (config: Pick<EffectiveConfig, 'hooksUrls' | 'hooksPublicKeys'>) => Promise<HooksSourceStatus[]> {
  const serial = createSerial();
  return (config) => serial(() => syncHooks(config, opts, lock));
}

/** The sites a payload carries hooks for, in the usual order. */
function sitesOf(payload: HooksPayload): SiteId[] {
  return PLATFORMS.filter((s) => payload.sites[s] !== undefined);
}

async function syncOne(
  url: string,
  prev: HooksSourceStatus,
  prevDoc: HooksPayload | undefined,
  keys: string[],
  opts: HooksSyncOptions,
): Promise<{ status: HooksSourceStatus; doc?: HooksPayload }> {
  const now = opts.now ?? Date.now;
  const ok = { error: '', errorCode: undefined, errorDetail: undefined };
  try {
    const r = await fetchList(url, {
      etag: prev.etag,
      lastModified: prev.lastModified,
      timeoutMs: opts.timeoutMs ?? HOOKS_TIMEOUT_MS,
      maxBytes: opts.maxBytes ?? HOOKS_MAX_BYTES,
      fetchImpl: opts.fetchImpl,
    });
    const t = now();
    if (r.status === 'not-modified') {
      if (!prevDoc) throw new ListError('http', 'HTTP 304 without a hooks document in force');
      return { status: clean({ ...prev, syncedAt: t, checkedAt: t, ...ok }), doc: prevDoc };
    }
    const signed = parseSignedHooks(r.text, opts.maxBytes ?? HOOKS_MAX_BYTES);
    const payload = await verifySignedHooks(signed, keys);
    checkEngine(payload);
    if (prevDoc && prev.hooksVersion !== undefined) {
      if (payload.hooksVersion === prev.hooksVersion && signed.signature === prev.signature) {
        // The same document again (a server without ETag): confirmed, nothing changes.
        return { status: clean({ ...prev, etag: r.etag, lastModified: r.lastModified, syncedAt: t, checkedAt: t, ...ok }), doc: prevDoc };
      }
      if (payload.hooksVersion <= prev.hooksVersion) {
        // A rollback, or other content under the version in force: either could undo a fix.
        const rel = payload.hooksVersion === prev.hooksVersion ? '≤' : '<';
        throw new HooksError('older', `${payload.hooksVersion} ${rel} ${prev.hooksVersion}`);
      }
    }
    return {
      doc: payload,
      status: clean({
        url,
        hooksVersion: payload.hooksVersion,
        sites: sitesOf(payload),
        etag: r.etag,
        lastModified: r.lastModified,
        signature: signed.signature,
        publicKey: signed.publicKey,
        syncedAt: t,
        checkedAt: t,
        error: '',
      }),
    };
  } catch (e) {
    const { code, detail } =
      e instanceof HooksError || e instanceof ListError
        ? { code: e.code as string, detail: e.detail }
        : { code: 'format', detail: e instanceof Error ? e.message : String(e) };
    return {
      status: clean({ ...prev, checkedAt: now(), error: describeHooksSourceError(code, detail, 'id'), errorCode: code, errorDetail: detail }),
      doc: prevDoc,
    };
  }
}

/** Without undefined fields, so a stored status compares equal to a fresh one. */
function clean(s: HooksSourceStatus): HooksSourceStatus {
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as unknown as HooksSourceStatus;
}
