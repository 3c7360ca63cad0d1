import type { Action, EmployeeStatus, EmployeeStatusSetting, LocaleSetting, Mode, ReportFormat, SiteId } from '../model';

export interface Organization {
  name?: string;
  contact?: string;
  helpUrl?: string;
}

/** An agency's own circular, from policy `localClauses`. */
export interface LocalClause {
  id: string;
  title: string;
  text: string;
  source: string;
  actions: Action[];
  /** Whom the circular binds; absent = every employee of the agency (all statuses). */
  appliesTo?: EmployeeStatus[];
}

/** Managed policy after validation (INTERFACES §3). Absent key = not set by policy. */
export interface Policy {
  listUrls?: string[];
  listPublicKeys?: string[];
  /** Signed hooks updates to fetch (lib/background/hooks.ts): a publisher's fix for a broken hook. */
  hooksUrls?: string[];
  /** Keys whose hooks signatures are accepted; unset: the `listPublicKeys` are trusted for hooks too. */
  hooksPublicKeys?: string[];
  syncIntervalMinutes?: number;
  mode?: Mode;
  actionModes?: Partial<Record<Action, Mode>>;
  sites?: SiteId[];
  organization?: Organization;
  localClauses?: LocalClause[];
  reportUrl?: string;
  reportToken?: string;
  reportFormat?: ReportFormat;
  locale?: LocaleSetting;
  /** Whose browsers these are: the warning shows the rules and sanctions for that status. */
  employeeStatus?: EmployeeStatusSetting;
  lockUserSettings?: boolean;
}
export type PolicyKey = keyof Policy;

/** A policy value that was ignored, and why, in both languages (shown in options). */
export interface PolicyNote {
  key: string;
  id: string;
  en: string;
}

export interface PolicyState {
  /** True when storage.managed returned at least one key. */
  managed: boolean;
  policy: Policy;
  notes: PolicyNote[];
  /** ms since the epoch of the managed read this came from. */
  readAt: number;
}

/** What the user may set in options when policy does not lock it. */
export interface UserSettings {
  listUrls?: string[];
  listPublicKeys?: string[];
  syncIntervalMinutes?: number;
  mode?: Mode;
  actionModes?: Partial<Record<Action, Mode>>;
  sites?: SiteId[];
  locale?: LocaleSetting;
  employeeStatus?: EmployeeStatusSetting;
}
export type UserSettingKey = keyof UserSettings;

/**
 * The settings in force, computed in the background from policy, user settings and
 * defaults, and cached in storage.local so a tab reads it at once at start-up.
 */
export interface EffectiveConfig {
  listUrls: string[];
  listPublicKeys: string[];
  /**
   * Signed hooks updates (policy only: what a page's markup looks like is the
   * organisation's to fix, not the user's). Checked on the lists' schedule.
   */
  hooksUrls: string[];
  /** The keys trusted for hooks: policy `hooksPublicKeys`, else the `listPublicKeys` in force. */
  hooksPublicKeys: string[];
  syncIntervalMinutes: number;
  mode: Mode;
  actionModes: Partial<Record<Action, Mode>>;
  sites: SiteId[];
  organization: Organization;
  localClauses: LocalClause[];
  locale: LocaleSetting;
  /** Whose rules the warning shows (`mixed`: every status, each rule labelled). */
  employeeStatus: EmployeeStatusSetting;
  managed: boolean;
  locked: boolean;
  /** Which settings came from policy (shown as "Diatur oleh organisasi Anda" when locked). */
  policyKeys: PolicyKey[];
  /**
   * Audit reporting (lib/report): set only when a managed policy sets `reportUrl`, and then
   * reporting is on and the popup says so. The token is never part of the config (tabs read
   * the config); the background reads it from the policy when it sends.
   */
  reportUrl?: string;
  /** How reports are encoded; present exactly when `reportUrl` is. */
  reportFormat?: ReportFormat;
}
