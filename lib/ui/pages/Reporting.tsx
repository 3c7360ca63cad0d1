/**
 * Whether this browser reports the user's actions, to whom, what is and is not sent, and
 * how delivery is going — as the popup and the options page both say it. The hook
 * `[data-status="reporting"]` reads "on" or "off". The token is never shown (it is not in
 * the config these pages read).
 */
import { t, type Bilingual } from '../../i18n/common';
import { PAGE, reportProblem, reportingOn, reportsDropped } from '../../i18n/pages';
import type { Locale } from '../../model';
import type { EffectiveConfig } from '../../policy/types';
import type { ReportState } from '../../storage/items';
import { formatTime, hostOf } from './data';

export function ReportingLines({
  config,
  report,
  dropped,
  locale,
  off,
}: {
  config: EffectiveConfig;
  report: ReportState | undefined;
  dropped: number;
  locale: Locale;
  /** What the page says while reporting is off. */
  off: Bilingual;
}) {
  const on = Boolean(config.reportUrl);
  const problem = on && report?.errorCode ? t(reportProblem(report.errorCode, report.errorDetail), locale) : '';
  return (
    <div class="jn-reporting">
      <p>
        <span data-status="reporting" class="jn-hook" aria-hidden="true">
          {on ? 'on' : 'off'}
        </span>{' '}
        {on ? (
          <strong class="jn-report">{t(reportingOn(config.organization?.name, hostOf(config.reportUrl!)), locale)}</strong>
        ) : (
          <span>{t(off, locale)}</span>
        )}
      </p>
      {on && (
        <>
          <p class="jn-small">{t(PAGE.reportWhat, locale)}</p>
          <dl class="jn-facts">
            <dt>{t(PAGE.reportPending, locale)}</dt>
            <dd>
              <span data-status="report-pending">{String(report?.pending ?? 0)}</span>
            </dd>
            <dt>{t(PAGE.reportSentAt, locale)}</dt>
            <dd>
              <span data-status="report-sent-at">{formatTime(report?.lastSentAt, locale) ?? t(PAGE.never, locale)}</span>
            </dd>
          </dl>
          <div data-status="report-error" class={problem ? 'jn-error' : undefined} role="status">
            {problem && <p>{problem}</p>}
          </div>
          {dropped > 0 && <p class="jn-small">{t(reportsDropped(dropped), locale)}</p>}
        </>
      )}
    </div>
  );
}
