/**
 * The toolbar popup: is protection on, which list is in force and is it healthy, does each
 * guarded site's detection still work (lib/ui/pages/Hooks.tsx), is this browser managed,
 * does anything leave the device, what was warned about recently.
 * The `data-status` attributes are INTERFACES §5 (QA scripts read them): keep them.
 */
import { Fragment } from 'preact';
import { ACTION_NOUNS, MODE_LABELS, SITE_LABELS, t } from '../../i18n/common';
import { OUTCOME_LABELS, PAGE, entriesCount, listVersionOf } from '../../i18n/pages';
import { browser } from '../../browser';
import { ACTIONS } from '../../model';
import { GUARDED_SITES } from '../../sites/registry';
import type { Locale } from '../../model';
import type { EffectiveConfig } from '../../policy/types';
import type { GuardEvent, ReportState, SourceStatus } from '../../storage/items';
import type { PageData } from '../pages/data';
import {
  DEMO_SOURCE,
  formatTime,
  hostOf,
  pageLocale,
  sourceProblem,
  sourcesInForce,
  usePageData,
} from '../pages/data';
import { HooksLines } from '../pages/Hooks';
import { ManagedLines } from '../pages/Managed';
import { ReportingLines } from '../pages/Reporting';
import { SyncButton } from '../pages/SyncButton';

export const RECENT_EVENTS = 10;

export function Popup() {
  const { data, error, reload } = usePageData();
  if (!data) {
    const locale = pageLocale(undefined);
    return (
      <main class="jn-popup" aria-busy={!error}>
        <h1>{t(PAGE.appName, locale)}</h1>
        <p role="status">{error ? t(PAGE.loadFailed, locale) : t(PAGE.loading, locale)}</p>
      </main>
    );
  }
  const { config, sources, events, report, reportDropped } = data;
  const locale = pageLocale(config);
  return (
    <main class="jn-popup" lang={locale}>
      <header class="jn-header">
        <h1>{t(PAGE.appName, locale)}</h1>
        <Protection config={config} locale={locale} />
      </header>
      <Lists sources={sources} locale={locale} reload={reload} />
      <Sites data={data} locale={locale} />
      <Management config={config} report={report} dropped={reportDropped} locale={locale} />
      <Recent events={events.slice(0, RECENT_EVENTS)} locale={locale} />
      <footer class="jn-footer">
        <a href="/options.html" target="_blank" rel="noopener" onClick={openOptions}>
          {t(PAGE.settings, locale)}
        </a>
      </footer>
    </main>
  );
}

function openOptions(e: MouseEvent) {
  if (typeof browser.runtime?.openOptionsPage !== 'function') return; // the link opens options.html
  e.preventDefault();
  try {
    Promise.resolve(browser.runtime.openOptionsPage())
      .then(() => window.close())
      .catch(() => window.open('/options.html', '_blank'));
  } catch {
    window.open('/options.html', '_blank');
  }
}

function Protection({ config, locale }: { config: EffectiveConfig; locale: Locale }) {
  const off = config.mode === 'off';
  const overrides = ACTIONS.filter((a) => config.actionModes[a] && config.actionModes[a] !== config.mode);
  return (
    <div class={off ? 'jn-protection jn-off' : 'jn-protection jn-on'}>
      <p>
        {t(PAGE.protection, locale)}: <strong data-mode={config.mode}>{t(MODE_LABELS[config.mode], locale)}</strong>
      </p>
      {off && <p class="jn-warning-text">{t(PAGE.protectionOff, locale)}</p>}
      {overrides.length > 0 && (
        <p class="jn-small">
          {t(PAGE.overrides, locale)}:{' '}
          {overrides
            .map((a) => `${t(ACTION_NOUNS[a], locale)}: ${t(MODE_LABELS[config.actionModes[a]!], locale)}`)
            .join('; ')}
        </p>
      )}
    </div>
  );
}

function sourceName(s: SourceStatus, locale: Locale): string {
  return s.url === DEMO_SOURCE ? t(PAGE.demoList, locale) : hostOf(s.url);
}

function Lists({ sources, locale, reload }: { sources: SourceStatus[]; locale: Locale; reload: () => Promise<void> }) {
  const inForce = sourcesInForce(sources);
  const failing = sources.filter((s) => sourceProblem(s, locale).length > 0);
  const entries = inForce.reduce((n, s) => n + (s.entries ?? 0), 0);
  const syncedAt = Math.max(-Infinity, ...inForce.map((s) => s.syncedAt ?? -Infinity));
  const syncedText = formatTime(Number.isFinite(syncedAt) ? syncedAt : undefined, locale);
  const demo = inForce.some((s) => s.url === DEMO_SOURCE);
  const none = t(PAGE.noList, locale);

  return (
    <section class="jn-section" aria-labelledby="jn-lists">
      <h2 id="jn-lists">{t(PAGE.lists, locale)}</h2>
      {inForce.length === 0 && <p class="jn-muted">{t(PAGE.noListLong, locale)}</p>}
      {demo && <p class="jn-demo">{t(PAGE.demoListNote, locale)}</p>}
      <dl class="jn-facts">
        <dt>{t(PAGE.listVersion, locale)}</dt>
        <dd>
          <span data-status="list-version">
            {inForce.length === 0 ? none : inForce.map((s) => String(s.version)).join(', ')}
          </span>
          {inForce.length > 0 && (
            <span class="jn-small">
              {' '}
              ({inForce.map((s) => `${sourceName(s, locale)}: ${t(listVersionOf(s.version!), locale)}`).join('; ')})
            </span>
          )}
        </dd>
        <dt>{t(PAGE.listEntries, locale)}</dt>
        <dd>
          <span data-status="list-entries">{inForce.length === 0 ? '0' : String(entries)}</span>
          {inForce.length > 0 && <span class="jn-small"> ({entriesCount(entries, locale)})</span>}
        </dd>
        <dt>{t(PAGE.listSyncedAt, locale)}</dt>
        <dd>
          <span data-status="list-synced-at">{syncedText ?? t(PAGE.never, locale)}</span>
        </dd>
      </dl>
      <div data-status="list-error" class={failing.length ? 'jn-error' : undefined} role="status">
        {failing.map((s) => {
          const [reason, ...more] = sourceProblem(s, locale);
          return (
            <p key={s.url}>
              <strong>{sourceName(s, locale)}</strong>: {reason}
              {more.map((m, k) => (
                <Fragment key={k}>
                  {' '}
                  <br />
                  {m}
                </Fragment>
              ))}
            </p>
          );
        })}
      </div>
      <SyncButton locale={locale} onDone={reload} />
    </section>
  );
}

function Sites({ data, locale }: { data: PageData; locale: Locale }) {
  const { config } = data;
  const guarded = GUARDED_SITES.filter((s) => config.sites.includes(s));
  return (
    <section class="jn-section" aria-labelledby="jn-sites">
      <h2 id="jn-sites">{t(PAGE.sites, locale)}</h2>
      {guarded.length === 0 ? (
        <p class="jn-muted">{t(PAGE.noSites, locale)}</p>
      ) : (
        <ul class="jn-chips" data-status="sites">
          {guarded.map((s) => (
            <li key={s} data-site={s}>
              {SITE_LABELS[s]}
            </li>
          ))}
        </ul>
      )}
      <HooksLines
        config={config}
        health={data.health}
        hooksInForce={data.hooksInForce}
        hooksSources={data.hooksSources}
        locale={locale}
      />
    </section>
  );
}

function Management({
  config,
  report,
  dropped,
  locale,
}: {
  config: EffectiveConfig;
  report: ReportState | undefined;
  dropped: number;
  locale: Locale;
}) {
  return (
    <section class="jn-section" aria-labelledby="jn-managed">
      <h2 id="jn-managed" class="jn-visually-hidden">
        {t(PAGE.privacyTitle, locale)}
      </h2>
      <ManagedLines config={config} locale={locale} />
      <ReportingLines config={config} report={report} dropped={dropped} locale={locale} off={PAGE.noBrowsingData} />
    </section>
  );
}

function Recent({ events, locale }: { events: GuardEvent[]; locale: Locale }) {
  return (
    <section class="jn-section" aria-labelledby="jn-recent">
      <h2 id="jn-recent">{t(PAGE.recent, locale)}</h2>
      {events.length === 0 ? (
        <p class="jn-muted">{t(PAGE.noEvents, locale)}</p>
      ) : (
        <ol class="jn-events" data-status="recent-events">
          {events.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time dateTime={new Date(e.at).toISOString()}>{formatTime(e.at, locale)}</time>
              <span>
                {ACTION_NOUNS[e.action] ? t(ACTION_NOUNS[e.action], locale) : e.action} · <strong>{e.name}</strong>
              </span>
              <span class={`jn-outcome jn-outcome-${e.outcome}`}>
                {OUTCOME_LABELS[e.outcome] ? t(OUTCOME_LABELS[e.outcome], locale) : e.outcome}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
