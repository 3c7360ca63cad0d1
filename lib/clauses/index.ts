/**
 * What a warning cites: for an action, a listed account (its role and election) and the
 * user's employee status, the clauses that bind that user, the sanction line(s) for the
 * status, and whether the lead must be hedged ("dapat dianggap"). Pure data and functions:
 * no browser API. The texts come from ./catalog, which tests hold to ./sources.md.
 */
import type { Action, EmployeeStatus, EmployeeStatusSetting, Role } from '../model';
import { EMPLOYEE_STATUSES } from '../model';
import type { Bilingual } from '../i18n/common';
import type { LocalClause } from '../policy/types';
import { ALL_CLAUSES, CLAUSES, SANCTION_CLAUSES, type Clause, type ClauseId, type SanctionClauseId } from './catalog';

export type { Clause, ClauseId, ClauseSource, Confidence, Instrument } from './catalog';
export { ALL_CLAUSES, CLAUSES, SANCTION_CLAUSES } from './catalog';

/**
 * The action → clause map, first clause first. The SKB item names all four acts; share also
 * falls under online campaigning, and for a pilkada entry SE B/71/2017's "menyebarluaskan"
 * is cited as precedent (it concerns regional-head candidates, 2018/2019 cycle; never for a
 * presidential or legislative candidate). PP 94/2021 Pasal 1 angka 6 (on or off duty, PNS)
 * and UU 20/2023 Pasal 24 (the duty of neutrality, PNS and PPPK) are the general basis.
 * SE MenPANRB 01/2023 extends the same forms of violation to PPNPN.
 * Which of these a user sees depends on whom each binds (`lawFor`).
 */
export function actionClauseIds(action: Action, pilkada: boolean): ClauseId[] {
  const ids: ClauseId[] = ['skb-2022-medsos'];
  if (action === 'share') {
    ids.push('skb-2022-kampanye-online');
    if (pilkada) ids.push('se-menpanrb-b71-2017');
  }
  ids.push('pp-94-2021-pasal-1-angka-6', 'uu-20-2023-pasal-24-1-d', 'se-menpanrb-01-2023');
  return ids;
}

/** Roles of regional-head candidates: a pilkada entry when the list gives no election. */
const REGIONAL_HEAD_ROLES: ReadonlySet<Role> = new Set<Role>([
  'gubernur', 'wakil-gubernur', 'bupati', 'wakil-bupati', 'walikota', 'wakil-walikota',
]);

/**
 * A regional (pilkada) entry: its election says so (`pilkada-2031`), or it names none and the
 * role is a regional-head candidate. An election that names another contest (`pemilu-2029`)
 * is not pilkada, whatever the role.
 */
export function isPilkada(subject: { role?: Role; election?: string }): boolean {
  const e = subject.election?.trim().toLowerCase();
  if (e) return e.startsWith('pilkada');
  return subject.role !== undefined && REGIONAL_HEAD_ROLES.has(subject.role);
}

/**
 * The SKB item names "grup/akun pemenangan bakal calon": candidates and their winning teams.
 * For a party account, an entry with role `lainnya`, or one with no role at all, "dilarang"
 * would overstate it: the lead says "dapat dianggap".
 */
export function isHedgedRole(role: Role | undefined): boolean {
  return role === undefined || role === 'partai' || role === 'lainnya';
}

export interface Sanction {
  /** Whom this line is about. */
  status: EmployeeStatus;
  /** The safe wording, as a sentence. Never prison: a like is not a crime. */
  wording: Bilingual;
  /** The same range in a few plain words, for the dialog's lead sentence. */
  plain: Bilingual;
  /** The clauses the line rests on (each binds `status`). */
  basis: Clause[];
  /** A caveat that belongs with the line, where the sources leave something open. */
  caveat?: Bilingual;
}

const SANCTION_BASIS: Record<EmployeeStatus, SanctionClauseId[]> = {
  pns: ['pp-42-2004-pasal-15', 'pp-94-2021-pasal-8-4'],
  pppk: ['pp-49-2018-pasal-51-52', 'pp-49-2018-pasal-53-2-b'],
  ppnpn: ['se-menpanrb-01-2023-sanksi'],
};

/** The sanction line per status, in the safe wordings of the sources (sources.md, "Safe wordings"). */
export const SANCTIONS: Record<EmployeeStatus, Sanction> = {
  pns: {
    status: 'pns',
    wording: {
      id:
        'PNS yang melakukannya dapat dikenai sanksi pelanggaran kode etik (sanksi moral) dan/atau ' +
        'hukuman disiplin hingga tingkat berat.',
      en:
        'A PNS who does this may face a code-of-ethics sanction (a moral sanction) and/or ' +
        'disciplinary punishment up to the heavy level.',
    },
    plain: {
      id: 'sanksi moral hingga hukuman disiplin tingkat berat',
      en: 'a moral sanction up to heavy disciplinary punishment',
    },
    basis: SANCTION_BASIS.pns.map((id) => SANCTION_CLAUSES[id]),
    caveat: {
      id: 'Sumber yang ada belum menetapkan jalur mana (kode etik atau disiplin) yang berlaku untuk tindakan tertentu.',
      en: 'The sources do not settle which track (code of ethics or discipline) applies to a given act.',
    },
  },
  pppk: {
    status: 'pppk',
    wording: {
      id:
        'PPPK yang melakukannya dapat dikenai hukuman disiplin; pelanggaran disiplin PPPK tingkat ' +
        'berat dapat berujung pada pemutusan hubungan perjanjian kerja.',
      en:
        'A PPPK employee who does this may face disciplinary punishment; a heavy disciplinary ' +
        'breach can end the work agreement.',
    },
    plain: {
      id: 'hukuman disiplin hingga pemutusan hubungan perjanjian kerja',
      en: 'disciplinary punishment up to the end of the work agreement',
    },
    basis: SANCTION_BASIS.pppk.map((id) => SANCTION_CLAUSES[id]),
  },
  ppnpn: {
    status: 'ppnpn',
    wording: {
      id:
        'PPNPN yang melakukannya dapat dikenai sanksi bertingkat sampai dengan pemutusan hubungan ' +
        'kerja (PHK) sebagaimana tercantum dalam perjanjian kerja.',
      en:
        'PPNPN staff who do this may face graduated sanctions up to termination, as set out in ' +
        'their work contract.',
    },
    plain: {
      id: 'sanksi bertingkat hingga pemutusan hubungan kerja sesuai perjanjian kerja',
      en: 'graduated sanctions up to termination under the work contract',
    },
    basis: SANCTION_BASIS.ppnpn.map((id) => SANCTION_CLAUSES[id]),
  },
};

/** Whom a warning speaks to: one status, or all three with `mixed`. */
export function statusesOf(setting: EmployeeStatusSetting | undefined): EmployeeStatus[] {
  return setting && setting !== 'mixed' ? [setting] : [...EMPLOYEE_STATUSES];
}

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
    // A circular of the agency binds its own employees, whatever their status, unless it says.
    appliesTo: local.appliesTo && local.appliesTo.length > 0 ? [...local.appliesTo] : [...EMPLOYEE_STATUSES],
    note: {
      id: 'Ditambahkan oleh kebijakan organisasi Anda.',
      en: "Added by your organisation's policy.",
    },
  };
}

export interface LawInput {
  action: Action;
  /** The listed account: its role and election decide the hedge and SE B/71. */
  subject: { role?: Role; election?: string };
  /** Policy `employeeStatus`; absent = `mixed`. */
  status?: EmployeeStatusSetting;
  localClauses?: readonly LocalClause[];
}

export interface WarningLaw {
  /** Whom the warning speaks to (one status, or all three for `mixed`). */
  statuses: EmployeeStatus[];
  /** The clauses cited, first first; each binds at least one of `statuses`. */
  clauses: Clause[];
  /** One sanction line per status in `statuses`. */
  sanctions: Sanction[];
  /** The lead says "dapat dianggap" (party, `lainnya` or no role; or a low-confidence first clause). */
  hedged: boolean;
  pilkada: boolean;
}

const bindsAny = (c: Clause, statuses: readonly EmployeeStatus[]) => c.appliesTo.some((s) => statuses.includes(s));

/** What the warning for this action on this account cites, for this user. */
export function lawFor(input: LawInput): WarningLaw {
  const statuses = statusesOf(input.status);
  const pilkada = isPilkada(input.subject);
  const clauses: Clause[] = actionClauseIds(input.action, pilkada)
    .map((id) => CLAUSES[id] as Clause)
    .filter((c) => bindsAny(c, statuses));
  for (const local of input.localClauses ?? []) {
    if (!Array.isArray(local.actions) || !local.actions.includes(input.action)) continue;
    const c = localToClause(local);
    if (bindsAny(c, statuses)) clauses.push(c);
  }
  const hedged = isHedgedRole(input.subject.role) || clauses[0]?.confidence === 'L';
  return { statuses, clauses, sanctions: statuses.map((s) => SANCTIONS[s]), hedged, pilkada };
}

/** The ids a warning cites (for the local record and audit reports). */
export function clauseIdsFor(input: LawInput): string[] {
  return lawFor(input).clauses.map((c) => c.id);
}
