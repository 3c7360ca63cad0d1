/**
 * Precedence of settings (pure). Default < policy < user, except that a managed policy with
 * `lockUserSettings` puts every key it sets above the user, and also keeps the user from
 * switching protection off (mode/actionModes 'off') or narrowing the guarded sites, even
 * for keys the policy leaves unset: "the user cannot change or switch off what policy sets".
 */
import { PLATFORMS } from '../model';
import type { Action, EmployeeStatusSetting, Mode, SiteId } from '../model';
import type { EffectiveConfig, Policy, PolicyKey, PolicyState, UserSettings } from './types';

export const DEFAULTS = {
  listUrls: [] as string[],
  listPublicKeys: [] as string[],
  hooksUrls: [] as string[],
  syncIntervalMinutes: 60,
  mode: 'warn' as Mode,
  actionModes: {} as Partial<Record<Action, Mode>>,
  sites: [...PLATFORMS] as SiteId[],
  organization: {},
  localClauses: [],
  locale: 'id',
  employeeStatus: 'mixed' as EmployeeStatusSetting,
} satisfies Omit<EffectiveConfig, 'managed' | 'locked' | 'policyKeys' | 'reportUrl' | 'reportFormat' | 'hooksPublicKeys'>;

/** Keys that exist in `Policy` (in a stable order) and are set in this one. */
function presentKeys(policy: Policy): PolicyKey[] {
  return (Object.keys(policy) as PolicyKey[]).filter((k) => policy[k] !== undefined);
}

function withoutOff(m: Partial<Record<Action, Mode>> | undefined): Partial<Record<Action, Mode>> | undefined {
  if (!m) return undefined;
  const out: Partial<Record<Action, Mode>> = {};
  for (const [a, mode] of Object.entries(m) as Array<[Action, Mode]>) if (mode !== 'off') out[a] = mode;
  return out;
}

export function effectiveConfig(policyState: PolicyState | undefined, user: UserSettings | undefined): EffectiveConfig {
  const managed = policyState?.managed === true;
  // An unmanaged state carries no policy by definition; ignore a stray one.
  const policy: Policy = managed ? (policyState?.policy ?? {}) : {};
  const locked = managed && policy.lockUserSettings === true;
  const u: UserSettings = { ...(user ?? {}) };

  if (locked) {
    if (u.mode === 'off') delete u.mode;
    u.actionModes = withoutOff(u.actionModes);
    delete u.sites;
  }

  function pick<K extends keyof UserSettings & keyof Policy>(key: K, fallback: NonNullable<Policy[K]>): NonNullable<Policy[K]> {
    const p = policy[key] as Policy[K] | undefined;
    const v = u[key] as Policy[K] | undefined;
    if (locked && p !== undefined) return p as NonNullable<Policy[K]>;
    if (v !== undefined) return v as NonNullable<Policy[K]>;
    if (p !== undefined) return p as NonNullable<Policy[K]>;
    return fallback;
  }

  const config: EffectiveConfig = {
    listUrls: [...pick('listUrls', DEFAULTS.listUrls)],
    listPublicKeys: [...pick('listPublicKeys', DEFAULTS.listPublicKeys)],
    // Hooks are the organisation's alone (like organization and localClauses): no user
    // setting. Without `hooksPublicKeys` the policy's `listPublicKeys` sign hooks too (one
    // publisher, one key pair, nothing more to configure) — the policy's, not a key a user
    // typed in the options page, since the hooks URLs are the policy's as well.
    hooksUrls: [...(policy.hooksUrls ?? DEFAULTS.hooksUrls)],
    hooksPublicKeys: [...(policy.hooksPublicKeys ?? policy.listPublicKeys ?? DEFAULTS.listPublicKeys)],
    syncIntervalMinutes: pick('syncIntervalMinutes', DEFAULTS.syncIntervalMinutes),
    mode: pick('mode', DEFAULTS.mode),
    actionModes: { ...pick('actionModes', DEFAULTS.actionModes) },
    sites: [...pick('sites', DEFAULTS.sites)],
    organization: { ...(policy.organization ?? DEFAULTS.organization) },
    localClauses: [...(policy.localClauses ?? DEFAULTS.localClauses)],
    locale: pick('locale', DEFAULTS.locale),
    employeeStatus: pick('employeeStatus', DEFAULTS.employeeStatus),
    managed,
    locked,
    policyKeys: presentKeys(policy),
  };
  // Audit reporting is the organisation's alone: only a managed policy turns it on (a user
  // setting cannot), and the popup tells the user whenever the config carries reportUrl.
  if (policy.reportUrl) {
    config.reportUrl = policy.reportUrl;
    config.reportFormat = policy.reportFormat ?? 'json';
  }
  return config;
}

/** The mode that applies to one action: its override, else the main mode. */
export function modeFor(config: Pick<EffectiveConfig, 'mode' | 'actionModes'>, action: Action): Mode {
  return config.actionModes[action] ?? config.mode;
}

export function isSiteGuarded(config: Pick<EffectiveConfig, 'sites'>, site: SiteId): boolean {
  return config.sites.includes(site);
}
