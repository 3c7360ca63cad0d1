/**
 * Why a hooks file or a signed hooks update was refused, as a code (stored, compared,
 * tested) plus a technical detail (for the publisher or the IT admin), and the sentence a
 * user sees. Whatever goes wrong with an update, the hooks in force stay in force (the
 * bundled ones at worst), and every sentence says so. Mirrors lib/list/errors.ts.
 */
import type { Locale } from '../model';

export const HOOKS_ERROR_CODES = [
  'not-json',
  'format',
  'lint',
  'untrusted-key',
  'bad-signature',
  'too-large',
  'engine',
  'older',
  'signature-encoding',
] as const;
export type HooksErrorCode = (typeof HOOKS_ERROR_CODES)[number];

/**
 * `detail` is short technical text in English that names the site and the hook where it
 * can (`x: selectors.like.css[1]: unbalanced "["`). By convention (describeHooksError reads
 * the numbers out of it): 'older' → `"<new> < <current>"`, 'engine' → `"needs engine <N>,
 * this build has <M>"`.
 */
export class HooksError extends Error {
  readonly code: HooksErrorCode;
  readonly detail: string;

  constructor(code: HooksErrorCode, detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'HooksError';
    this.code = code;
    this.detail = detail;
  }
}

export function isHooksErrorCode(v: unknown): v is HooksErrorCode {
  return typeof v === 'string' && (HOOKS_ERROR_CODES as readonly string[]).includes(v);
}

const KEEP = {
  id: 'Data situs yang sudah ada tetap dipakai.',
  en: 'The site data already in use stays in use.',
} as const;

/**
 * Short, non-technical text for a civil servant or an IT admin. Takes a HooksError or what
 * was stored of one (`{ code, detail }` read back from storage, maybe from a newer build).
 */
export function describeHooksError(e: { code: HooksErrorCode | string; detail?: string }, locale: Locale): string {
  const d = (e.detail ?? '').trim();
  const nums = d.match(/\d+/g) ?? [];
  const en = locale === 'en';
  const keep = KEEP[en ? 'en' : 'id'];
  const paren = d ? ` (${clip(d)})` : '';
  switch (e.code) {
    case 'too-large':
      return en
        ? `The site data update is too large and was not loaded. ${keep}`
        : `Pembaruan data situs terlalu besar sehingga tidak dimuat. ${keep}`;
    case 'not-json':
      return en
        ? `The site data update is damaged or is not a Jaga Netral file${paren}. ${keep}`
        : `Pembaruan data situs rusak atau bukan berkas Jaga Netral${paren}. ${keep}`;
    case 'format':
      return en
        ? `The site data update is not in the expected format${paren}. ${keep}`
        : `Isi pembaruan data situs tidak sesuai format${paren}. ${keep}`;
    case 'lint':
      return en
        ? `The site data update contains an invalid entry${paren}. ${keep}`
        : `Pembaruan data situs berisi entri yang tidak valid${paren}. ${keep}`;
    case 'untrusted-key':
      return en
        ? `The site data update is signed with a key the policy does not trust. ${keep}`
        : `Pembaruan data situs ditandatangani dengan kunci yang tidak dipercaya oleh kebijakan. ${keep}`;
    case 'bad-signature':
      return en
        ? `The site data update's signature is not valid — it may have been altered. ${keep}`
        : `Tanda tangan pembaruan data situs tidak valid — isinya mungkin diubah. ${keep}`;
    case 'signature-encoding':
      return en
        ? `The site data update's signature is not written in the standard form (base64 of 64 bytes, as the publisher tool writes it), so it was not accepted. ${keep}`
        : `Tanda tangan pembaruan data situs tidak ditulis dalam bentuk baku (base64 dari 64 bita, seperti yang ditulis alat penerbit) sehingga tidak diterima. ${keep}`;
    case 'engine': {
      const [need, have] = nums;
      if (need !== undefined && have !== undefined) {
        return en
          ? `The site data update needs a newer version of Jaga Netral (engine ${need}; this one has ${have}). Update the extension. ${keep}`
          : `Pembaruan data situs memerlukan Jaga Netral versi lebih baru (mesin ${need}; versi ini ${have}). Perbarui ekstensi. ${keep}`;
      }
      return en
        ? `The site data update needs a newer version of Jaga Netral. Update the extension. ${keep}`
        : `Pembaruan data situs memerlukan Jaga Netral versi lebih baru. Perbarui ekstensi. ${keep}`;
    }
    case 'older': {
      const [got, have] = nums;
      if (got !== undefined && have !== undefined) {
        return en
          ? `The site data update (version ${got}) is older than the one in use (${have}); refused. ${keep}`
          : `Versi pembaruan data situs (${got}) lebih lama dari yang sudah dipakai (${have}); ditolak. ${keep}`;
      }
      return en
        ? `The site data update is older than the one in use; refused. ${keep}`
        : `Pembaruan data situs lebih lama dari yang sudah dipakai; ditolak. ${keep}`;
    }
    default:
      // A code from a newer build, read back from storage.
      return en ? `The site data update was refused (${e.code}). ${keep}` : `Pembaruan data situs ditolak (${e.code}). ${keep}`;
  }
}

function clip(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}
