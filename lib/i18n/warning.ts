/**
 * Every string of the in-page warning, Indonesian first. Shared words (roles, actions)
 * come from ./common. Functions build sentences whose word order differs by language;
 * they return plain strings that Preact renders as text, never as markup.
 */
import type { Bilingual } from './common';
import { ACTION_LABELS, ROLE_LABELS } from './common';
import type { ClauseSource, Confidence } from '../clauses/catalog';
import type { Action, EmployeeStatus, Locale, Role } from '../model';

/** Who the listed account is to the thing acted on. */
export type Relation = 'author' | 'original' | 'quoted' | 'profile' | 'group' | 'suggested';

export const WARNING_TEXT = {
  brand: { id: 'Jaga Netral', en: 'Jaga Netral' },
  switchLanguage: { id: 'English', en: 'Bahasa Indonesia' },
  switchLanguageLabel: { id: 'Tampilkan dalam bahasa Inggris', en: 'Show in Indonesian' },
  accountOn: { id: 'di', en: 'on' },
  shownAs: { id: 'tampil di halaman sebagai', en: 'shown on the page as' },
  election: { id: 'Pemilihan', en: 'Election' },
  party: { id: 'Partai', en: 'Party' },
  region: { id: 'Daerah pemilihan', en: 'Electoral region' },
  listSource: { id: 'Sumber daftar', en: 'List source' },
  listVersion: { id: 'versi', en: 'version' },
  entrySource: { id: 'Keterangan sumber entri', en: 'Entry source' },
  demoList: { id: 'daftar contoh bawaan (fiktif)', en: 'built-in sample list (fictional)' },
  /** "Ini peringatan ke-{n} …": shown from the second warning for one account in 7 days. */
  repeatCount: {
    id: 'Ini peringatan ke-{n} untuk akun ini dalam 7 hari terakhir.',
    en: 'This is warning number {n} for this account in the last 7 days.',
  },
  originalText: {
    id: 'Kutipan teks',
    en: 'Quoted text (original Indonesian):',
  },
  /** Prefix of a low-confidence clause: the sources allow L items only as "dapat dianggap". */
  mayBeTreatedAs: {
    id: 'Tindakan ini dapat dianggap termasuk dalam ketentuan berikut:',
    en: 'This action may be treated as falling under the following provision:',
  },
  sanctionHeading: { id: 'Akibatnya', en: 'What can follow' },
  sanctionBasis: { id: 'Dasar sanksi', en: 'Basis of the sanctions' },
  rulesHeading: { id: 'Aturan netralitas yang berlaku', en: 'The neutrality rules that apply' },
  rulesHeadingHedged: {
    id: 'Aturan netralitas yang dapat dianggap berlaku',
    en: 'The neutrality rules that may be treated as applying',
  },
  fullBasis: { id: 'Dasar hukum lengkap', en: 'Full legal basis' },
  fullBasisIntro: {
    id: 'Nama lengkap peraturan, asal teks, dan seberapa yakin kami atas teks dan nomor pasalnya.',
    en: 'Full titles, where each text comes from, and how sure we are of the text and its numbering.',
  },
  issuedOn: { id: 'Ditetapkan', en: 'Issued' },
  summaryNotQuote: { id: 'Ringkasan isi (bukan kutipan kata per kata):', en: 'Summary of its content (not a word-for-word quotation):' },
  hedgedNote: {
    id: 'Aturan ini menyebut akun atau grup pemenangan bakal calon. Akun ini terdaftar sebagai {who}, jadi tindakan Anda dapat dianggap termasuk di dalamnya.',
    en: 'This rule names the winning-team accounts or groups of prospective candidates. This account is listed as {who}, so your action may be treated as falling under it.',
  },
  hedgedWhoUnknown: { id: 'akun terkait pemilu', en: 'an election-related account' },
  listDetails: { id: 'Tentang daftar akun', en: 'About the account list' },
  blocked: {
    id: 'Organisasi Anda menetapkan agar tindakan ini dicegah. Tindakan ini tidak akan dilakukan.',
    en: 'Your organisation has set this action to be prevented. It will not be carried out.',
  },
  yourDecision: {
    id: 'Keputusan ada di tangan Anda. Daftar akun dapat keliru.',
    en: 'The decision is yours. The account list may be wrong.',
  },
  blockedDecision: {
    id: 'Daftar akun dapat keliru.',
    en: 'The account list may be wrong.',
  },
  reportIntro: {
    id: 'Jika menurut Anda akun ini salah dicantumkan, hubungi',
    en: 'If you think this account is listed by mistake, contact',
  },
  reportFallback: {
    id: 'pengelola TI atau bagian kepegawaian di instansi Anda',
    en: 'the IT or personnel office of your agency',
  },
  organization: { id: 'Organisasi Anda', en: 'Your organisation' },
  helpLink: { id: 'Panduan netralitas dari organisasi Anda', en: "Your organisation's neutrality guidance" },
  opensInNewTab: { id: '(membuka tab baru)', en: '(opens in a new tab)' },
  justificationLabel: {
    id: 'Alasan Anda tetap melanjutkan (wajib diisi)',
    en: 'Your reason for going ahead (required)',
  },
  justificationHint: {
    id: 'Tombol "Tetap lanjutkan" aktif setelah alasan diisi.',
    en: 'The "Go ahead anyway" button is enabled once a reason is entered.',
  },
  cancel: { id: 'Batalkan', en: 'Cancel' },
  cancelBlocked: { id: 'Mengerti, batalkan', en: 'Understood, cancel' },
  proceed: { id: 'Tetap lanjutkan', en: 'Go ahead anyway' },
} satisfies Record<string, Bilingual>;

/** Inside `[data-account]`, for a repost or quote: whose post it originally is. */
export const RELATION_NOTES: Partial<Record<Relation, Bilingual>> = {
  original: {
    id: 'Yang Anda lihat adalah postingan ulang (repost); unggahan aslinya dari akun dalam daftar ini.',
    en: 'What you see is a repost; the original post is by this listed account.',
  },
  quoted: {
    id: 'Yang Anda lihat mengutip (quote) unggahan dari akun dalam daftar ini.',
    en: 'What you see quotes a post by this listed account.',
  },
};

/** Where a clause's text comes from, as a sentence in plain words (no tags, no abbreviations). */
export const SOURCE_LABELS: Record<ClauseSource, Bilingual> = {
  VP: {
    id: 'Teks dikutip kata per kata dari naskah resmi peraturan.',
    en: 'The text is quoted word for word from the official text.',
  },
  VS: {
    id: 'Teks dikutip kata per kata dari laman pemerintah atau media berita; belum dicocokkan dengan naskah aslinya.',
    en: 'The text is quoted word for word from a government or news page; it has not yet been checked against the original.',
  },
  PR: {
    id: 'Teks ini ringkasan isi, bukan kutipan kata per kata.',
    en: 'The text is a summary of the content, not a word-for-word quotation.',
  },
  LOCAL: {
    id: 'Teks ditetapkan oleh organisasi Anda melalui kebijakan.',
    en: 'The text is set by your organisation through its policy.',
  },
};

/** How sure we are of a text, as a sentence. */
export const CONFIDENCE_LABELS: Record<Confidence, Bilingual> = {
  H: { id: 'Tingkat keyakinan atas teks ini: tinggi.', en: 'How sure we are of this text: high.' },
  M: { id: 'Tingkat keyakinan atas teks ini: sedang.', en: 'How sure we are of this text: medium.' },
  L: { id: 'Tingkat keyakinan atas teks ini: rendah.', en: 'How sure we are of this text: low.' },
};

/** How sure we are of the article/item number, where it is rated lower than the text. */
export const CITATION_LABELS: Record<Confidence, Bilingual> = {
  H: { id: 'Nomor pasal/butir: keyakinan tinggi.', en: 'Article/item number: high confidence.' },
  M: {
    id: 'Nomor pasal/butir belum dicocokkan dengan naskah aslinya (keyakinan sedang).',
    en: 'The article/item number has not yet been checked against the original (medium confidence).',
  },
  L: {
    id: 'Nomor pasal/butir belum pasti (keyakinan rendah).',
    en: 'The article/item number is uncertain (low confidence).',
  },
};

export const STATUS_NAMES: Record<EmployeeStatus, Bilingual> = {
  pns: { id: 'PNS', en: 'PNS (civil servants)' },
  pppk: { id: 'PPPK', en: 'PPPK (contract civil servants)' },
  ppnpn: { id: 'PPNPN (pegawai pemerintah non-ASN)', en: 'PPNPN (non-ASN government staff)' },
};

const STATUS_SHORT: Record<EmployeeStatus, string> = { pns: 'PNS', pppk: 'PPPK', ppnpn: 'PPNPN' };

/** "PNS", "PNS dan PPPK", "PNS, PPPK, dan PPNPN". */
function joinList(items: string[], locale: Locale): string {
  const and = locale === 'id' ? 'dan' : 'and';
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} ${and} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${and} ${items.at(-1)}`;
}

/** "Berlaku bagi PNS dan PPPK" — whom a clause binds; `null` for every status (a local circular). */
export function appliesToLabel(appliesTo: readonly EmployeeStatus[], locale: Locale): string {
  const names = appliesTo.map((s) => (appliesTo.length === 1 ? STATUS_NAMES[s][locale] : STATUS_SHORT[s]));
  if (appliesTo.length >= 3) return locale === 'id' ? 'Berlaku bagi semua pegawai organisasi Anda' : 'Applies to every employee of your organisation';
  return `${locale === 'id' ? 'Berlaku bagi' : 'Applies to'} ${joinList(names, locale)}`;
}

/**
 * A label used inside a sentence: Indonesian words in lower case, acronyms kept ("Calon
 * anggota DPRD Kabupaten/Kota" → "calon anggota DPRD kabupaten/kota"); English only its
 * first letter ("Candidate for the DPR (House …)" → "candidate for the DPR (House …)").
 */
function inSentence(label: string, locale: Locale): string {
  if (!label) return label;
  if (locale === 'en') return label[0].toLowerCase() + label.slice(1);
  return label.replace(/[A-Za-z]+/g, (w) => (w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase()));
}

/**
 * What is acted on, named: "unggahan Budi", "akun Budi", "grup Relawan". One follows (or
 * subscribes to) an account, never a post: a follow button in a post's header or under a video
 * names the account (`action` follow turns a post relation into the account).
 */
export function objectPhrase(relation: Relation, name: string, locale: Locale, action?: Action): string {
  if (action === 'follow' && (relation === 'author' || relation === 'original' || relation === 'quoted')) relation = 'profile';
  const id: Record<Relation, string> = {
    author: `unggahan ${name}`,
    original: `unggahan ${name} yang diposting ulang akun lain`,
    quoted: `unggahan yang mengutip ${name}`,
    profile: `akun ${name}`,
    group: /^grup\b/i.test(name) ? name : `grup ${name}`,
    suggested: `akun ${name} yang disarankan`,
  };
  const en: Record<Relation, string> = {
    author: `a post by ${name}`,
    original: `a post by ${name}, reposted by another account`,
    quoted: `a post quoting ${name}`,
    profile: `the account ${name}`,
    group: /^(grup|group)\b/i.test(name) ? name : `the group ${name}`,
    suggested: `the suggested account ${name}`,
  };
  return (locale === 'id' ? id : en)[relation];
}

export interface LeadInput {
  action: Action;
  relation: Relation;
  name: string;
  role?: Role;
  election?: string;
  /** Whom the warning speaks to. */
  statuses: EmployeeStatus[];
  /** One plain consequence phrase per status in `statuses`. */
  consequences: string[];
  hedged: boolean;
  locale: Locale;
}

/**
 * The dialog's opening, in plain words: what the user was about to do, to whom, that it can
 * be a neutrality violation for them, and the range of consequences. Two sentences.
 */
export function leadSentences(x: LeadInput): string {
  const L = x.locale;
  const verb = ACTION_LABELS[x.action][L];
  const object = objectPhrase(x.relation, x.name, L, x.action);
  const listedAs = x.role ? inSentence(ROLE_LABELS[x.role][L], L) : '';
  const election = x.election ? electionLabel(x.election) : '';
  let first: string;
  if (L === 'id') {
    first = `Anda akan ${verb} ${object}`;
    if (listedAs) first += `, yang terdaftar sebagai ${listedAs}${election ? ` dalam ${election}` : ''}`;
    else first += ', akun yang terdaftar dalam daftar akun kampanye pemilu';
  } else {
    first = `You are about to ${verb} ${object}`;
    if (listedAs) first += `, listed as ${/^[aeiou]/i.test(listedAs) ? 'an' : 'a'} ${listedAs}${election ? ` in ${election}` : ''}`;
    else first += ', an account on the election campaign account list';
  }
  first += '.';

  const single = x.statuses.length === 1;
  const who = single
    ? STATUS_SHORT[x.statuses[0]]
    : L === 'id'
      ? 'pegawai ASN (PNS dan PPPK) maupun PPNPN'
      : 'ASN employees (PNS and PPPK) and PPNPN staff alike';
  let second: string;
  if (L === 'id') {
    const breach = x.hedged ? 'dapat dianggap melanggar aturan netralitas' : 'dilarang oleh aturan netralitas';
    second = single
      ? `Bagi ${who}, tindakan ini ${breach} dan dapat berujung ${x.consequences[0]}.`
      : `Bagi ${who}, tindakan ini ${breach}; akibatnya, tergantung status Anda, dapat berupa sanksi moral, hukuman disiplin, hingga pemutusan hubungan kerja.`;
  } else {
    const breach = x.hedged ? 'may be treated as breaching the neutrality rules' : 'is prohibited by the neutrality rules';
    second = single
      ? `For ${who}, this ${breach} and can lead to ${x.consequences[0]}.`
      : `For ${who}, this ${breach}; depending on your status, the consequences range from a moral sanction and disciplinary punishment to termination of employment.`;
  }
  return `${first} ${second}`;
}

/**
 * The headline, varied so that repeated warnings stay read: each wording is accurate and
 * names the action or the account. `variant` comes from how often this account was warned
 * about lately (0 the first time).
 */
export function headline(x: { action: Action; relation: Relation; name: string; role?: Role; variant: number; locale: Locale }): string {
  const L = x.locale;
  const verb = ACTION_LABELS[x.action][L];
  const object = objectPhrase(x.relation, x.name, L, x.action);
  const role = x.role ? inSentence(ROLE_LABELS[x.role][L], L) : '';
  const id = [
    `Tunggu sebentar — ${x.name} ada dalam daftar akun kampanye pemilu`,
    `Yakin ingin ${verb} ${object}?`,
    role ? `Sebelum melanjutkan: ${x.name} terdaftar sebagai ${role}` : `Sebelum melanjutkan: ${x.name} terdaftar dalam daftar akun kampanye pemilu`,
  ];
  const en = [
    `Wait a moment — ${x.name} is on the election campaign account list`,
    `Are you sure you want to ${verb} ${object}?`,
    role ? `Before you go on: ${x.name} is listed as ${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${role}` : `Before you go on: ${x.name} is on the election campaign account list`,
  ];
  const list = L === 'id' ? id : en;
  return list[((x.variant % list.length) + list.length) % list.length];
}

/** "Ini peringatan ke-3 …" for the n-th warning about one account (n ≥ 2). */
export function repeatLine(n: number, locale: Locale): string {
  return WARNING_TEXT.repeatCount[locale].replace('{n}', String(n));
}

/** `pemilu-2029` → `Pemilu 2029`; anything else is shown as the list gives it. */
export function electionLabel(election: string): string {
  const m = /^(pemilu|pilkada|pilpres|pileg)-(\d{4})$/i.exec(election.trim());
  if (!m) return election;
  return `${m[1][0].toUpperCase()}${m[1].slice(1).toLowerCase()} ${m[2]}`;
}
