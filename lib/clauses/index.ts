/**
 * Which clauses a warning cites for an action (law.md §7), the agency's own circulars from
 * policy, and the sanction line. Pure data and functions: no browser API.
 */
import type { Action } from '../model';
import type { Bilingual } from '../i18n/common';
import type { LocalClause } from '../policy/types';
import { ALL_CLAUSES, CLAUSES, SANCTION_CLAUSES, type Clause, type ClauseId } from './catalog';

export type { Clause, ClauseId, ClauseSource, Confidence, Instrument } from './catalog';
export { ALL_CLAUSES, CLAUSES, SANCTION_CLAUSES } from './catalog';

/**
 * law.md §7, first clause first (the warning shows it in full, the rest folded). The SKB
 * item names all four acts; share also falls under online campaigning and SE B/71's
 * "menyebarluaskan". PP 94/2021 Pasal 1 angka 6 (on or off duty) and UU 20/2023 Pasal 24
 * (the duty of neutrality) are the general basis for every action.
 */
export const ACTION_CLAUSES: Record<Action, ClauseId[]> = {
  like: ['skb-2022-medsos', 'pp-94-2021-pasal-1-angka-6', 'uu-20-2023-pasal-24-1-d'],
  comment: ['skb-2022-medsos', 'pp-94-2021-pasal-1-angka-6', 'uu-20-2023-pasal-24-1-d'],
  share: [
    'skb-2022-medsos',
    'skb-2022-kampanye-online',
    'se-menpanrb-b71-2017',
    'pp-94-2021-pasal-1-angka-6',
    'uu-20-2023-pasal-24-1-d',
  ],
  follow: ['skb-2022-medsos', 'pp-94-2021-pasal-1-angka-6', 'uu-20-2023-pasal-24-1-d'],
};

export interface Sanction {
  /** The safe wording of law.md §1, as a sentence. Never prison: a like is not a crime (§4). */
  wording: Bilingual;
  /** Which track applies to an act is not settled in the sources (law.md §1, [L]). */
  trackNote: Bilingual;
  /** PP 42/2004 Pasal 15 (moral sanction) and PP 94/2021 Pasal 8 ayat (4) (heavy discipline). */
  basis: Clause[];
}

export const SANCTION: Sanction = {
  wording: {
    id:
      'ASN yang melakukannya dapat dikenai sanksi pelanggaran kode etik (sanksi moral) dan/atau ' +
      'hukuman disiplin hingga tingkat berat.',
    en:
      'A civil servant who does this may face a code-of-ethics sanction (a moral sanction) ' +
      'and/or disciplinary punishment up to the heavy level.',
  },
  trackNote: {
    id: 'Sumber yang ada belum menetapkan jalur mana (kode etik atau disiplin) yang berlaku untuk tindakan tertentu.',
    en: 'The sources do not settle which track (code of ethics or discipline) applies to a given act.',
  },
  basis: [SANCTION_CLAUSES['pp-42-2004-pasal-15'], SANCTION_CLAUSES['pp-94-2021-pasal-8-4']],
};

/** An agency circular from policy, as a clause. Its id is kept unless it would shadow a catalog id. */
export function localToClause(local: LocalClause): Clause {
  const id = Object.hasOwn(ALL_CLAUSES, local.id) ? `local:${local.id}` : local.id;
  return {
    id,
    instrument: { short: { id: local.title, en: local.title }, full: local.title },
    // `source` is where the agency says the text comes from (its circular's number, a URL).
    article: local.source,
    text: local.text,
    source: 'LOCAL',
    // The issuing agency vouches for its own text; it is shown as "kebijakan organisasi".
    confidence: 'H',
    note: {
      id: 'Ditambahkan oleh kebijakan organisasi Anda.',
      en: "Added by your organisation's policy.",
    },
  };
}

/** The catalog clauses for `action`, then the policy's local clauses that name it. */
export function clausesFor(action: Action, localClauses: readonly LocalClause[] = []): Clause[] {
  const out: Clause[] = ACTION_CLAUSES[action].map((id) => CLAUSES[id]);
  for (const local of localClauses) {
    if (Array.isArray(local.actions) && local.actions.includes(action)) out.push(localToClause(local));
  }
  return out;
}
