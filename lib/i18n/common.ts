/** Words every page shares. Indonesian first; English second. */
import { SITES } from '../sites/registry';
import type { Action, Locale, LocaleSetting, Mode, Role, SiteId } from '../model';

export interface Bilingual {
  id: string;
  en: string;
}

/** `auto` follows the browser's language: Indonesian unless the browser is not. */
export function resolveLocale(setting: LocaleSetting | undefined, uiLanguage: string | undefined): Locale {
  if (setting === 'id' || setting === 'en') return setting;
  if (setting === 'auto' && uiLanguage && !/^(id|in|ms)\b/i.test(uiLanguage)) return 'en';
  return 'id';
}

export const ROLE_LABELS: Record<Role, Bilingual> = {
  presiden: { id: 'Calon Presiden', en: 'Presidential candidate' },
  'wakil-presiden': { id: 'Calon Wakil Presiden', en: 'Vice-presidential candidate' },
  dpr: { id: 'Calon anggota DPR', en: 'Candidate for the DPR (House of Representatives)' },
  dpd: { id: 'Calon anggota DPD', en: 'Candidate for the DPD (Regional Representative Council)' },
  'dprd-provinsi': { id: 'Calon anggota DPRD Provinsi', en: 'Candidate for a provincial DPRD' },
  'dprd-kabkota': { id: 'Calon anggota DPRD Kabupaten/Kota', en: 'Candidate for a regency/city DPRD' },
  gubernur: { id: 'Calon Gubernur', en: 'Candidate for governor' },
  'wakil-gubernur': { id: 'Calon Wakil Gubernur', en: 'Candidate for vice-governor' },
  bupati: { id: 'Calon Bupati', en: 'Candidate for regent (bupati)' },
  'wakil-bupati': { id: 'Calon Wakil Bupati', en: 'Candidate for vice-regent' },
  walikota: { id: 'Calon Wali Kota', en: 'Candidate for mayor' },
  'wakil-walikota': { id: 'Calon Wakil Wali Kota', en: 'Candidate for vice-mayor' },
  partai: { id: 'Partai politik', en: 'Political party' },
  'tim-kampanye': { id: 'Tim kampanye / pemenangan', en: 'Campaign / winning team' },
  relawan: { id: 'Relawan pemenangan', en: 'Campaign volunteers' },
  lainnya: { id: 'Terkait peserta pemilu', en: 'Related to an election contestant' },
};

/** What the user was about to do, as a verb phrase ("Anda akan … "). */
export const ACTION_LABELS: Record<Action, Bilingual> = {
  like: { id: 'menyukai', en: 'like' },
  comment: { id: 'mengomentari / membalas', en: 'comment on / reply to' },
  share: { id: 'membagikan / memposting ulang', en: 'share / repost' },
  follow: { id: 'mengikuti / bergabung dengan', en: 'follow / join' },
};

/** The action as a noun, for lists and logs. */
export const ACTION_NOUNS: Record<Action, Bilingual> = {
  like: { id: 'Suka', en: 'Like' },
  comment: { id: 'Komentar', en: 'Comment' },
  share: { id: 'Bagikan', en: 'Share' },
  follow: { id: 'Ikuti / gabung', en: 'Follow / join' },
};

export const MODE_LABELS: Record<Mode, Bilingual> = {
  off: { id: 'Nonaktif', en: 'Off' },
  audit: { id: 'Catat saja (tanpa peringatan)', en: 'Record only (no warning)' },
  warn: { id: 'Peringatkan', en: 'Warn' },
  justify: { id: 'Peringatkan, lanjut perlu alasan', en: 'Warn; going ahead needs a reason' },
  block: { id: 'Cegah', en: 'Block' },
};

/** Every platform's name; a guarded site's comes from its registry entry (lib/sites/registry.ts). */
export const SITE_LABELS: Record<SiteId, string> = {
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  threads: 'Threads',
  ...(Object.fromEntries(SITES.map((s) => [s.id, s.name])) as Record<'x' | 'facebook', string>),
};

export function t(b: Bilingual, locale: Locale): string {
  return b[locale];
}
