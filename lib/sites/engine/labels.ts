/**
 * The one rule for comparing what a site writes on its controls with our word tables:
 * case, runs of whitespace and trailing punctuation are ignored. So "Batal Suka",
 * "batal suka" and "Batal suka." are one label, and no table lists a word twice.
 */
import type { Words } from '../../hooks/types';

const TRAILING = /[\s.…:;,!?·]+$/u;

export function normLabel(s: string | null | undefined): string {
  if (!s) return '';
  return s.replace(/\s+/g, ' ').trim().replace(TRAILING, '').toLowerCase();
}

/** Indonesian first, then English: every word of a table, normalised, once. */
export function wordSet(w: Words | undefined): string[] {
  if (!w) return [];
  const out: string[] = [];
  for (const word of [...w.id, ...w.en]) {
    const n = normLabel(word);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

export type LabelForm = 'exact' | 'suffix' | 'handle' | 'prefix';

/**
 * Whether a (normalised) label reads as one of `words` in `form`:
 * - exact: the word itself;
 * - suffix: the word, or "<anything>. <word>" (X puts the count first: "12 suka. suka");
 * - handle: "<word> @<handle>" (X: "follow @budi");
 * - prefix: starts with the word ("hapus " → "hapus suka").
 */
export function labelIs(label: string, words: readonly string[], form: LabelForm = 'exact'): boolean {
  if (!label) return false;
  for (const w of words) {
    switch (form) {
      case 'exact':
        if (label === w) return true;
        break;
      case 'suffix':
        if (label === w || label.endsWith(`. ${w}`)) return true;
        break;
      case 'handle':
        if (label.startsWith(`${w} @`)) return true;
        break;
      case 'prefix':
        if (label.startsWith(w)) return true;
        break;
    }
  }
  return false;
}

/** "Follow @Budi_A" → "Budi_A" for the first of `words` that heads the text (raw text, not normalised). */
export function handleAfter(text: string, words: readonly string[]): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const lower = t.toLowerCase();
  for (const w of words) {
    if (lower.startsWith(`${w} @`)) return t.slice(w.length + 2);
  }
  return null;
}
