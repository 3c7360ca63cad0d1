/**
 * Why a list was refused, as a code (stored, compared, tested) plus a technical detail (for
 * the IT admin), and the sentence a user sees. Whatever goes wrong with a newer list, the
 * last good one stays in force, and every sentence says so.
 */
import type { Locale } from '../model';

export const LIST_ERROR_CODES = [
  'network',
  'timeout',
  'http',
  'too-large',
  'not-json',
  'format',
  'no-keys',
  'untrusted-key',
  'bad-signature',
  'older',
  'changed-same-version',
  'signature-encoding',
] as const;
export type ListErrorCode = (typeof LIST_ERROR_CODES)[number];

/**
 * `detail` is short technical text in English. By convention (describeListError reads the
 * numbers out of it): 'older' → `"<new> < <current>"`, 'changed-same-version' → `"<version>"`,
 * 'http' → `"HTTP <status>"`.
 */
export class ListError extends Error {
  readonly code: ListErrorCode;
  readonly detail: string;

  constructor(code: ListErrorCode, detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ListError';
    this.code = code;
    this.detail = detail;
  }
}

export function isListErrorCode(v: unknown): v is ListErrorCode {
  return typeof v === 'string' && (LIST_ERROR_CODES as readonly string[]).includes(v);
}

const KEEP = { id: 'Daftar lama tetap dipakai.', en: 'The previous list stays in use.' } as const;
const NONE = {
  id: 'Belum ada daftar valid dari sumber ini.',
  en: 'No valid list from this source yet.',
} as const;

/**
 * Short, non-technical text for a civil servant or an IT admin. `hasPrevious`: whether a
 * good list from this source is in force (then the text says it stays in use).
 */
export function describeListError(code: ListErrorCode, detail: string | undefined, locale: Locale, hasPrevious = true): string {
  const d = (detail ?? '').trim();
  const nums = d.match(/\d+/g) ?? [];
  const en = locale === 'en';
  const keep = (hasPrevious ? KEEP : NONE)[en ? 'en' : 'id'];
  const paren = d ? ` (${clip(d)})` : '';
  switch (code) {
    case 'network':
      return en
        ? `The list server could not be reached. ${keep}`
        : `Server daftar tidak dapat dihubungi. ${keep}`;
    case 'timeout':
      return en
        ? `The list server took too long to answer. ${keep}`
        : `Server daftar terlalu lama menjawab. ${keep}`;
    case 'http': {
      const status = nums[0] ? ` (HTTP ${nums[0]})` : '';
      return en
        ? `The list server answered with an error${status}. ${keep}`
        : `Server daftar menjawab dengan galat${status}. ${keep}`;
    }
    case 'too-large':
      return en
        ? `The list file is too large and was not loaded. ${keep}`
        : `Berkas daftar terlalu besar sehingga tidak dimuat. ${keep}`;
    case 'not-json':
      return en
        ? `The list file is damaged or is not a Jaga Netral list${paren}. ${keep}`
        : `Berkas daftar rusak atau bukan daftar Jaga Netral${paren}. ${keep}`;
    case 'format':
      return en
        ? `The list file is not in the expected format${paren}. ${keep}`
        : `Isi berkas daftar tidak sesuai format${paren}. ${keep}`;
    case 'no-keys':
      return en
        ? `No list public key is set in the policy (listPublicKeys), so the list cannot be checked. ${keep}`
        : `Kunci publik daftar belum diatur dalam kebijakan (listPublicKeys), jadi daftar tidak dapat diperiksa. ${keep}`;
    case 'untrusted-key':
      return en
        ? `The list is signed with a key the policy does not trust. ${keep}`
        : `Daftar ditandatangani dengan kunci yang tidak dipercaya oleh kebijakan. ${keep}`;
    case 'bad-signature':
      return en
        ? `The list's signature is not valid — the list may have been altered. ${keep}`
        : `Tanda tangan daftar tidak valid — daftar ini mungkin diubah. ${keep}`;
    case 'signature-encoding':
      // Not "altered": the bytes may well be right, written another way (URL-safe base64, white space).
      return en
        ? `The list's signature is not written in the standard form (base64 of 64 bytes, as the publisher tool writes it), so it was not accepted; publish the file exactly as it was built. ${keep}`
        : `Tanda tangan daftar tidak ditulis dalam bentuk baku (base64 dari 64 bita, seperti yang ditulis alat penerbit) sehingga tidak diterima; terbitkan berkas persis seperti hasil pembuatannya. ${keep}`;
    case 'older': {
      const [got, have] = nums;
      if (got !== undefined && have !== undefined) {
        return en
          ? `The list version (${got}) is older than the one in use (${have}); refused. ${keep}`
          : `Versi daftar (${got}) lebih lama dari yang sudah dipakai (${have}); ditolak. ${keep}`;
      }
      return en
        ? `The list is older than the one in use; refused. ${keep}`
        : `Daftar ini lebih lama dari yang sudah dipakai; ditolak. ${keep}`;
    }
    case 'changed-same-version': {
      const v = nums[0] !== undefined ? ` (${nums[0]})` : '';
      return en
        ? `The list changed but kept the same version number${v}; refused. ${keep}`
        : `Isi daftar berubah tetapi nomor versinya tetap sama${v}; ditolak. ${keep}`;
    }
    default: {
      // A code from a newer build, read back from storage.
      const unknown: string = code;
      return en ? `The list was refused (${unknown}). ${keep}` : `Daftar ditolak (${unknown}). ${keep}`;
    }
  }
}

function clip(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}
