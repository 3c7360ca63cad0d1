/** Who manages this browser's Jaga Netral, as the popup and the options page both say it. */
import { t } from '../../i18n/common';
import { PAGE } from '../../i18n/pages';
import type { Locale } from '../../model';
import type { EffectiveConfig } from '../../policy/types';

export function ManagedLines({ config, locale }: { config: EffectiveConfig; locale: Locale }) {
  const org = config.organization ?? {};
  return (
    <>
      <p class="jn-managed">
        <span data-status="managed" class="jn-hook" aria-hidden="true">
          {config.managed ? 'yes' : 'no'}
        </span>{' '}
        <span>
          {config.managed ? t(PAGE.managedYes, locale) : t(PAGE.managedNo, locale)}
          {config.managed && org.name ? `: ${org.name}` : ''}
        </span>
      </p>
      {config.managed && config.locked && <p class="jn-small">{t(PAGE.lockedNote, locale)}</p>}
      {config.managed && (org.contact || org.helpUrl) && (
        <p class="jn-small">
          {org.contact && (
            <span>
              {t(PAGE.contact, locale)}: {org.contact}{' '}
            </span>
          )}
          {/* helpUrl is http(s) only: lib/policy/validate.ts drops anything else. */}
          {org.helpUrl && (
            <a href={org.helpUrl} target="_blank" rel="noopener noreferrer">
              {t(PAGE.help, locale)}
            </a>
          )}
        </p>
      )}
    </>
  );
}
