/**
 * Every string of the in-page warning, Indonesian first. Shared words (roles, actions)
 * come from ./common. Functions build sentences whose word order differs by language;
 * they return plain strings that Preact renders as text, never as markup.
 */
import type { Bilingual } from './common';
import type { ClauseSource, Confidence } from '../clauses/catalog';

/** Who the listed account is to the thing acted on. */
export type Relation = 'author' | 'original' | 'quoted' | 'profile' | 'group' | 'suggested';

export const WARNING_TEXT = {
  brand: { id: 'Jaga Netral', en: 'Jaga Netral' },
  title: {
    id: 'Tunggu sebentar — akun ini terdaftar sebagai akun peserta atau tim kampanye pemilu',
    en: 'Wait a moment — this account is listed as an election contestant or campaign team account',
  },
  /** The toggle shows the language it switches to, written in that language. */
  titleRepost: {
    id: 'Tunggu sebentar — unggahan ini berasal dari akun yang terdaftar sebagai akun peserta atau tim kampanye pemilu',
    en: 'Wait a moment — this post comes from an account listed as an election contestant or campaign team account',
  },
  titleGroup: {
    id: 'Tunggu sebentar — grup ini terdaftar sebagai grup peserta atau tim kampanye pemilu',
    en: 'Wait a moment — this group is listed as an election contestant or campaign team group',
  },
  switchLanguage: { id: 'English', en: 'Bahasa Indonesia' },
  switchLanguageLabel: { id: 'Tampilkan dalam bahasa Inggris', en: 'Show in Indonesian' },
  youAreAbout: { id: 'Anda akan', en: 'You are about to' },
  accountHeading: { id: 'Akun dalam daftar', en: 'Listed account' },
  accountOn: { id: 'di', en: 'on' },
  shownAs: { id: 'tampil di halaman sebagai', en: 'shown on the page as' },
  election: { id: 'Pemilihan', en: 'Election' },
  party: { id: 'Partai', en: 'Party' },
  region: { id: 'Daerah pemilihan', en: 'Electoral region' },
  listSource: { id: 'Sumber daftar', en: 'List source' },
  listVersion: { id: 'versi', en: 'version' },
  entrySource: { id: 'Keterangan sumber entri', en: 'Entry source' },
  whyLead: {
    id: 'Bagi ASN (PNS dan PPPK), tindakan ini termasuk yang dilarang oleh aturan netralitas berikut:',
    en: 'For civil servants (PNS and PPPK), this act is among those prohibited by the following neutrality rules:',
  },
  /** Used when the first cited clause is low-confidence (law.md: L only as "dapat dianggap"). */
  whyLeadLow: {
    id: 'Bagi ASN (PNS dan PPPK), tindakan ini dapat dianggap termasuk yang dilarang oleh aturan netralitas berikut:',
    en: 'For civil servants (PNS and PPPK), this act may be treated as prohibited by the following neutrality rules:',
  },
  demoList: { id: 'daftar contoh bawaan (fiktif)', en: 'built-in sample list (fictional)' },
  fullName: { id: 'Nama lengkap peraturan', en: 'Full title of the instrument' },
  legalHeading: { id: 'Dasar hukum', en: 'Legal basis' },
  moreClauses: { id: 'Dasar hukum lainnya', en: 'Other legal basis' },
  originalText: {
    id: 'Kutipan teks',
    en: 'Quoted text (original Indonesian)',
  },
  /** Prefix of a low-confidence clause: law.md allows L items only as "dapat dianggap". */
  mayBeTreatedAs: {
    id: 'Tindakan ini dapat dianggap termasuk dalam ketentuan berikut:',
    en: 'This action may be treated as falling under the following provision:',
  },
  sourceLabel: { id: 'Sumber', en: 'Source' },
  confidenceLabel: { id: 'keyakinan', en: 'confidence' },
  citationLabel: { id: 'penomoran pasal/butir', en: 'article/item numbering' },
  localSource: { id: 'kebijakan organisasi Anda', en: "your organisation's policy" },
  sanctionHeading: { id: 'Sanksi', en: 'Sanctions' },
  sanctionBasis: { id: 'Dasar sanksi', en: 'Basis of the sanctions' },
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
  contact: { id: 'Kontak', en: 'Contact' },
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

/** What the action is done to, completing "Anda akan <verb> …". */
export const RELATION_OBJECTS: Record<Relation, Bilingual> = {
  author: { id: 'unggahan dari akun ini:', en: 'a post by this account:' },
  original: {
    id: 'sebuah postingan ulang (repost) atas unggahan akun ini:',
    en: 'a repost of a post by this account:',
  },
  quoted: {
    id: 'sebuah kutipan (quote) atas unggahan akun ini:',
    en: 'a quote of a post by this account:',
  },
  profile: { id: 'akun ini:', en: 'this account:' },
  group: { id: 'grup ini:', en: 'this group:' },
  suggested: { id: 'akun yang disarankan ini:', en: 'this suggested account:' },
};

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

export const SOURCE_LABELS: Record<ClauseSource, Bilingual> = {
  VP: {
    id: 'verbatim dari naskah resmi',
    en: 'verbatim from the official text',
  },
  VS: {
    id: 'verbatim seperti dikutip laman pemerintah/berita, belum dicocokkan dengan naskah asli',
    en: 'verbatim as quoted by a government or news page, not yet checked against the original',
  },
  PR: { id: 'parafrase', en: 'paraphrase' },
  LOCAL: { id: 'kebijakan organisasi Anda', en: "your organisation's policy" },
};

export const CONFIDENCE_LABELS: Record<Confidence, Bilingual> = {
  H: { id: 'tinggi', en: 'high' },
  M: { id: 'sedang', en: 'medium' },
  L: { id: 'rendah', en: 'low' },
};

/** `pemilu-2029` → `Pemilu 2029`; anything else is shown as the list gives it. */
export function electionLabel(election: string): string {
  const m = /^(pemilu|pilkada|pilpres|pileg)-(\d{4})$/i.exec(election.trim());
  if (!m) return election;
  return `${m[1][0].toUpperCase()}${m[1].slice(1).toLowerCase()} ${m[2]}`;
}
