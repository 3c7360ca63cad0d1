/**
 * Per guarded site, whether the extension still recognises the site's buttons (what the
 * tabs last reported, `jn.health`), which site data ("hooks") version is in force and where
 * it came from, and why a hooks update was refused — as the popup and the options page both
 * say it. QA hooks: `[data-status="hooks-<site>"]` with `data-health` = `ok`,
 * `degraded: <hook id>` or `unknown` (no tab has reported yet), and `[data-status="hooks-error"]`
 * (empty when every hooks source is fine). Every text is a text node: nothing from policy,
 * a hooks document or a tab goes into markup.
 */
import { SITE_LABELS, t } from '../../i18n/common';
import { PAGE, hooksVersionLine } from '../../i18n/pages';
import type { HooksInForce, SiteHealth } from '../../hooks/types';
import type { Locale, SiteId } from '../../model';
import { GUARDED_SITES, siteById } from '../../sites/registry';
import type { EffectiveConfig } from '../../policy/types';
import type { HooksSourceStatus } from '../../storage/items';
import { hooksSourceProblem } from './data';

export interface HooksLinesProps {
  config: EffectiveConfig;
  health: Partial<Record<SiteId, SiteHealth>>;
  hooksInForce: Partial<Record<SiteId, HooksInForce>>;
  hooksSources: HooksSourceStatus[];
  locale: Locale;
}

/** The `data-health` value of a site. */
export function healthToken(h: SiteHealth | undefined): string {
  if (!h) return 'unknown';
  return h.status === 'degraded' ? `degraded: ${h.hook ?? ''}` : 'ok';
}

/**
 * Which version is in force and from where. The tab reports the version it runs; it is the
 * downloaded update when that has the same version, else the bundled hooks (the higher wins
 * in the tab). Before any report, a downloaded update is shown as what the tabs will get
 * unless their bundled hooks are newer.
 */
function versionText(site: SiteId, h: SiteHealth | undefined, update: HooksInForce | undefined, locale: Locale): string | undefined {
  if (h) {
    const fromUpdate = update && update.hooks.hooksVersion === h.hooksVersion ? update.source : undefined;
    return t(hooksVersionLine(h.hooksVersion, fromUpdate), locale);
  }
  // No tab has reported yet: what the tabs will run, the higher of the bundled and the update.
  const bundled = siteById(site)?.hooks.hooksVersion ?? 0;
  if (update && update.hooks.hooksVersion > bundled) return t(hooksVersionLine(update.hooks.hooksVersion, update.source), locale);
  return bundled ? t(hooksVersionLine(bundled, undefined), locale) : undefined;
}

function statusText(h: SiteHealth | undefined, locale: Locale): string {
  if (!h) return t(PAGE.healthUnknown, locale);
  if (h.status === 'ok') return `${t(PAGE.healthOk, locale)} (ok)`;
  return `${t(PAGE.healthDegraded, locale)} (${healthToken(h)}) — ${t(PAGE.healthDegradedWhy, locale)}`;
}

export function HooksLines({ config, health, hooksInForce, hooksSources, locale }: HooksLinesProps) {
  const sites = GUARDED_SITES.filter((s) => config.sites.includes(s));
  const failing = hooksSources.filter((s) => hooksSourceProblem(s, locale));
  return (
    <div class="jn-hooks">
      {sites.length > 0 && (
        <ul class="jn-health-list">
          {sites.map((s) => {
            const h = health[s];
            const version = versionText(s, h, hooksInForce[s], locale);
            return (
              <li
                key={s}
                data-status={`hooks-${s}`}
                data-health={healthToken(h)}
                class={h?.status === 'degraded' ? 'jn-health jn-health-degraded' : h ? 'jn-health jn-health-ok' : 'jn-health jn-health-unknown'}
              >
                <strong>{SITE_LABELS[s]}</strong>: {statusText(h, locale)}
                {version && <span class="jn-small jn-health-version"> · {version}</span>}
              </li>
            );
          })}
        </ul>
      )}
      <div data-status="hooks-error" class={failing.length ? 'jn-error' : undefined} role="status">
        {failing.map((s) => (
          <p key={s.url}>
            <strong>{t(PAGE.hooksSourceProblem, locale)}</strong> (<code>{s.url}</code>): {hooksSourceProblem(s, locale)}
          </p>
        ))}
      </div>
    </div>
  );
}
