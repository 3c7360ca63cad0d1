/** Names shared by every part of the product. INTERFACES.md fixes the string values. */

export const PLATFORMS = ['x', 'facebook', 'instagram', 'tiktok', 'youtube', 'threads'] as const;
export type PlatformId = (typeof PLATFORMS)[number];

/** A guarded site. Today each site is one platform, so the ids are the same. */
export type SiteId = PlatformId;
// The sites that have an adapter in this release are declared once, in lib/sites/registry.ts
// (GUARDED_SITES there); the other platforms are accepted in lists ahead of their adapters.

export const ACTIONS = ['like', 'comment', 'share', 'follow'] as const;
export type Action = (typeof ACTIONS)[number];

export const MODES = ['off', 'audit', 'warn', 'justify', 'block'] as const;
export type Mode = (typeof MODES)[number];

/** How audit reports are encoded (policy `reportFormat`; lib/report/record.ts). */
export const REPORT_FORMATS = ['json', 'ndjson', 'elasticsearch-bulk'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Whom a browser belongs to (policy `employeeStatus`): PNS (civil servants), PPPK (contract
 * civil servants), PPNPN (non-ASN government staff), or `mixed` (unknown or several).
 * Not every clause binds every status (lib/clauses/sources.md, "Who is covered"); the warning shows only what
 * binds the status, or with `mixed` everything labelled with whom it binds.
 */
export const EMPLOYEE_STATUSES = ['pns', 'pppk', 'ppnpn'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];
export const EMPLOYEE_STATUS_SETTINGS = [...EMPLOYEE_STATUSES, 'mixed'] as const;
export type EmployeeStatusSetting = (typeof EMPLOYEE_STATUS_SETTINGS)[number];
export function isEmployeeStatus(v: unknown): v is EmployeeStatus {
  return typeof v === 'string' && (EMPLOYEE_STATUSES as readonly string[]).includes(v);
}

export const LOCALES = ['id', 'en', 'auto'] as const;
export type LocaleSetting = (typeof LOCALES)[number];
export type Locale = 'id' | 'en';

export const ROLES = [
  'presiden', 'wakil-presiden', 'dpr', 'dpd', 'dprd-provinsi', 'dprd-kabkota', 'gubernur',
  'wakil-gubernur', 'bupati', 'wakil-bupati', 'walikota', 'wakil-walikota', 'partai',
  'tim-kampanye', 'relawan', 'lainnya',
] as const;
export type Role = (typeof ROLES)[number];

export function isPlatform(v: unknown): v is PlatformId {
  return typeof v === 'string' && (PLATFORMS as readonly string[]).includes(v);
}
export function isAction(v: unknown): v is Action {
  return typeof v === 'string' && (ACTIONS as readonly string[]).includes(v);
}
export function isMode(v: unknown): v is Mode {
  return typeof v === 'string' && (MODES as readonly string[]).includes(v);
}
export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/**
 * Who a listed account is, as the warning shows it. One subject may have several account
 * keys on several platforms (CSV rows that share name, role, election, … and window).
 */
export interface Subject {
  /** Stable within one list version: the subject's index in the list. */
  index: number;
  name: string;
  role?: Role;
  election?: string;
  party?: string;
  region?: string;
  /** Days since 1970-01-01 (UTC); the entry matches from this day on. */
  validFromDay?: number;
  /** Days since 1970-01-01 (UTC); the entry matches up to and including this day. */
  validUntilDay?: number;
  source?: string;
}

/** A match of a page identity against the lists. */
export interface Match {
  subject: Subject;
  platform: PlatformId;
  /** The canonical key that matched, e.g. `@budi_demo` or `id:1234`. */
  key: string;
  /** Which list it came from (its URL, or `bundled:demo`) and that list's version. */
  listSource: string;
  listVersion: number;
  /** `<platform>:<key>`: the list entry id used in local records and audit events. */
  entryId: string;
}

export function dayNumber(ms: number): number {
  return Math.floor(ms / 86_400_000);
}
