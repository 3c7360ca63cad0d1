/**
 * The clauses a warning may cite, as data. Every text is copied word for word from the
 * project's sources document, lib/clauses/sources.md (which records, for each clause, the
 * instrument, article, text, tag, confidence, whom it binds and where it was read), and
 * tests/unit/law-sources.test.ts holds each clause to it. A wrong article number or an
 * invented quote is a defect.
 *
 * Tags: VP = verbatim from the official text; VS = verbatim as quoted by a government or
 * news page, not checked against the original; PR = paraphrase (shown as a summary, never as
 * a quotation); LOCAL = an agency's own circular delivered by managed policy (`localClauses`).
 * Confidence: H high, M medium, L low. An L clause is only ever shown as "dapat dianggap …"
 * (the warning component does that, so no text here needs to).
 *
 * Whom a clause binds (`appliesTo`) follows the sources' "who is covered" table: a warning
 * never shows a rule to someone it does not bind (lib/clauses/index.ts filters by status).
 */
import type { Bilingual } from '../i18n/common';
import type { EmployeeStatus } from '../model';

export type ClauseSource = 'VP' | 'VS' | 'PR' | 'LOCAL';
export type Confidence = 'H' | 'M' | 'L';

export interface Instrument {
  /** A short name for the clause heading, in words a non-lawyer reads. */
  short: Bilingual;
  /** The instrument's full official name and number, in Indonesian. */
  full: string;
  /** When it was issued, where the sources give it (Indonesian date). */
  issued?: string;
}

export interface Clause {
  /** Stable id; the warning puts it in `[data-clause]` (INTERFACES §4). */
  id: string;
  instrument: Instrument;
  /** Article / item within the instrument, in Indonesian as it is cited. */
  article: string;
  /** False where the sources give no article/item number (a circular quoted whole): `article` then only says so. */
  numbered?: false;
  /** Indonesian text exactly as the sources document gives it (LOCAL: as the policy gives it). */
  text: string;
  source: ClauseSource;
  /** How sure we are of the text. */
  confidence: Confidence;
  /** How sure we are of the article/item numbering, where the sources rate it lower than the text. */
  citationConfidence?: Confidence;
  /** Whom it binds. A LOCAL clause without `appliesTo` binds every employee of the agency. */
  appliesTo: readonly EmployeeStatus[];
  /** Shown before the text, where a quoted fragment needs its context. */
  intro?: Bilingual;
  note?: Bilingual;
  /** Cited as a precedent (an earlier circular that later ones reuse), not as the rule in force. */
  precedent?: Bilingual;
}

/** The 2022 joint decree. The last number is 1447.1, not the often mistyped "144.1". */
export const SKB_2022: Instrument = {
  short: {
    id: 'Keputusan Bersama tentang Netralitas ASN (SKB 2022)',
    en: 'Joint Decree on ASN Neutrality (SKB, 2022)',
  },
  full:
    'KEPUTUSAN BERSAMA MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI, ' +
    'MENTERI DALAM NEGERI, KEPALA BADAN KEPEGAWAIAN NEGARA, KETUA KOMISI APARATUR SIPIL ' +
    'NEGARA, DAN KETUA BADAN PENGAWAS PEMILIHAN UMUM NOMOR 2 TAHUN 2022, NOMOR 800-5474 ' +
    'TAHUN 2022, NOMOR 246 TAHUN 2022, NOMOR 30 TAHUN 2022, NOMOR 1447.1/PM.01/K.1/09/2022 ' +
    'TENTANG PEDOMAN PEMBINAAN DAN PENGAWASAN NETRALITAS PEGAWAI APARATUR SIPIL NEGARA DALAM ' +
    'PENYELENGGARAAN PEMILIHAN UMUM DAN PEMILIHAN',
  issued: '22 September 2022',
};

export const PP_94_2021: Instrument = {
  short: { id: 'PP 94/2021 tentang Disiplin PNS', en: 'Government Regulation 94/2021 on Civil Servant (PNS) Discipline' },
  full: 'Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil',
};

export const PP_42_2004: Instrument = {
  short: {
    id: 'PP 42/2004 tentang Kode Etik PNS',
    en: 'Government Regulation 42/2004 on the Civil Servant (PNS) Code of Ethics',
  },
  full:
    'Peraturan Pemerintah Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan Kode Etik ' +
    'Pegawai Negeri Sipil',
};

export const PP_49_2018: Instrument = {
  short: { id: 'PP 49/2018 tentang Manajemen PPPK', en: 'Government Regulation 49/2018 on PPPK Management' },
  full: 'Peraturan Pemerintah Nomor 49 Tahun 2018 tentang Manajemen Pegawai Pemerintah dengan Perjanjian Kerja',
};

export const UU_20_2023: Instrument = {
  short: { id: 'UU 20/2023 tentang ASN', en: 'Law 20/2023 on the State Civil Apparatus (ASN)' },
  full: 'Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara',
};

export const SE_B71_2017: Instrument = {
  short: { id: 'Surat Edaran MenPANRB B/71/2017', en: 'MenPANRB Circular B/71/2017' },
  full:
    'Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor ' +
    'B/71/M.SM.00.00/2017 tentang Pelaksanaan Netralitas bagi ASN pada Penyelenggaraan Pilkada ' +
    'Serentak 2018, Pileg 2019, Pilpres 2019',
  issued: '27 Desember 2017',
};

export const SE_01_2023: Instrument = {
  short: { id: 'Surat Edaran MenPANRB 01/2023', en: 'MenPANRB Circular 01/2023' },
  // The sources give the number and date only; no title is written.
  full: 'Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 01 Tahun 2023',
  issued: '3 Januari 2023',
};

/** Clauses cited for an action: what is prohibited, and for whom. */
export const CLAUSES = {
  /** SKB item: posting, comment, share, like, bergabung/follow [H, VS]; numbering [M]. */
  'skb-2022-medsos': {
    id: 'skb-2022-medsos',
    instrument: SKB_2022,
    article: 'Lampiran II, tabel pelanggaran kode etik angka 4',
    text:
      'Membuat posting, comment, share, like, bergabung/follow dalam grup/akun pemenangan bakal ' +
      'calon (Presiden/Wakil Presiden/DPR/DPD/DPRD/Gubernur/Wakil Gubernur/Bupati/Wakil ' +
      'Bupati/Wali Kota/Wakil Wali Kota)',
    source: 'VS',
    confidence: 'H',
    citationConfidence: 'M',
    appliesTo: ['pns', 'pppk'],
    note: {
      id:
        'Tabel pelanggaran disiplin angka 6 pada Lampiran yang sama memuat larangan ini dengan ' +
        'rumusan yang sedikit berbeda.',
      en:
        'Item 6 of the discipline table in the same annex carries this prohibition in slightly ' +
        'different words.',
    },
  },
  /** SKB item: online campaigning [M, VS]; numbering [M]. Cited for share. */
  'skb-2022-kampanye-online': {
    id: 'skb-2022-kampanye-online',
    instrument: SKB_2022,
    article: 'Lampiran II, tabel pelanggaran kode etik angka 2; tabel pelanggaran disiplin angka 2',
    text:
      'Sosialisasi/Kampanye Media Sosial/Online Bakal Calon (Presiden/Wakil Presiden/DPR/DPD/' +
      'DPRD/Gubernur/Wakil Gubernur/Bupati/Wakil Bupati/Wali Kota/Wakil Wali Kota)',
    source: 'VS',
    confidence: 'M',
    citationConfidence: 'M',
    appliesTo: ['pns', 'pppk'],
  },
  /** SE B/71/2017 [M, VS]: PNS, regional-head candidates, 2018/2019 cycle. Pilkada shares only, as precedent. */
  'se-menpanrb-b71-2017': {
    id: 'se-menpanrb-b71-2017',
    instrument: SE_B71_2017,
    // The sources quote the text but give no item number; none is invented.
    article: 'Isi edaran (nomor butir tidak disebut dalam sumber)',
    numbered: false,
    text:
      'PNS dilarang mengunggah, menanggapi (seperti like, komentar, dan sejenisnya) atau ' +
      'menyebarluaskan gambar/foto bakal calon/bakal pasangan calon Kepala Daerah, visi misi …, ' +
      'maupun keterkaitan lain … melalui media online maupun media sosial',
    source: 'VS',
    confidence: 'M',
    appliesTo: ['pns'],
    precedent: {
      id:
        'Dikutip sebagai preseden: edaran ini terbit 27 Desember 2017 untuk Pilkada 2018 dan ' +
        'Pemilu 2019, tentang calon kepala daerah. Edaran daerah, misalnya SE Sekda Purbalingga ' +
        '800/3871 (27 Februari 2023), memakai rumusan ini kembali.',
      en:
        'Cited as a precedent: this circular was issued on 27 December 2017 for the 2018 regional ' +
        'and 2019 national elections, about regional-head candidates. Local circulars, e.g. ' +
        'Purbalingga SE 800/3871 (27 February 2023), reuse its wording.',
    },
  },
  /** PP 94/2021 Pasal 1 angka 6 [H, VP]: on or off duty. PNS only. */
  'pp-94-2021-pasal-1-angka-6': {
    id: 'pp-94-2021-pasal-1-angka-6',
    instrument: PP_94_2021,
    article: 'Pasal 1 angka 6',
    text:
      'Pelanggaran Disiplin adalah setiap ucapan, tulisan, atau perbuatan PNS yang tidak menaati ' +
      'kewajiban dan/atau melanggar larangan ketentuan Disiplin PNS, baik yang dilakukan di dalam ' +
      'maupun di luar jam kerja.',
    source: 'VP',
    confidence: 'H',
    appliesTo: ['pns'],
    note: {
      id:
        'Berlaku di dalam maupun di luar jam kerja, jadi tindakan di media sosial pada waktu ' +
        'pribadi juga termasuk. PP ini tidak menyebut media sosial; SKB 2022 yang memetakan ' +
        'tindakan daring ke PP ini.',
      en:
        'It applies on and off duty, so social-media acts in your own time count too. The ' +
        'regulation does not name social media; the 2022 joint decree maps online acts onto it.',
    },
  },
  /** UU 20/2023 Pasal 24 ayat (1) huruf d [H, VP]: PNS and PPPK. */
  'uu-20-2023-pasal-24-1-d': {
    id: 'uu-20-2023-pasal-24-1-d',
    instrument: UU_20_2023,
    article: 'Pasal 24 ayat (1) huruf d',
    text: 'Pegawai ASN wajib: … d. menjaga netralitas',
    source: 'VP',
    confidence: 'H',
    appliesTo: ['pns', 'pppk'],
    note: {
      id: 'Menurut Pasal 24 ayat (2), pelanggaran kewajiban ini dikenai hukuman disiplin.',
      en: 'Under Article 24(2), breaching this duty leads to disciplinary action.',
    },
  },
  /** SE MenPANRB 01/2023 [M, PR]: PPNPN must be neutral; the forms of violation are those of ASN. */
  'se-menpanrb-01-2023': {
    id: 'se-menpanrb-01-2023',
    instrument: SE_01_2023,
    article: 'Isi edaran (nomor butir tidak disebut dalam sumber)',
    numbered: false,
    text:
      'PPNPN juga wajib menjaga netralitas; bentuk pelanggarannya sama dengan bentuk pelanggaran ' +
      'bagi ASN.',
    source: 'PR',
    confidence: 'M',
    appliesTo: ['ppnpn'],
    note: {
      id:
        'Bagi PPNPN, sanksinya tidak berupa sanksi kode etik atau hukuman disiplin ASN, melainkan ' +
        'sesuai perjanjian kerja.',
      en:
        'For PPNPN staff the sanction is not an ASN ethics or disciplinary sanction but follows ' +
        'the work contract.',
    },
  },
} as const satisfies Record<string, Clause>;

export type ClauseId = keyof typeof CLAUSES;

/**
 * The basis of the sanction lines, kept apart from the cited clauses: what may follow, not
 * what is prohibited. Each binds one status.
 */
export const SANCTION_CLAUSES = {
  /** PP 42/2004 Pasal 15 [H, VP]: moral sanction for code-of-ethics breaches. PNS only. */
  'pp-42-2004-pasal-15': {
    id: 'pp-42-2004-pasal-15',
    instrument: PP_42_2004,
    article: 'Pasal 15',
    text:
      '(1) Pegawai Negeri Sipil yang melakukan pelanggaran Kode Etik dikenakan sanksi moral. … ' +
      '(3) Sanksi moral … berupa: a. pernyataan secara tertutup; atau b. pernyataan secara terbuka.',
    source: 'VP',
    confidence: 'H',
    appliesTo: ['pns'],
  },
  /** PP 94/2021 Pasal 8 ayat (4) [H, VP]: heavy disciplinary punishments. PNS only. */
  'pp-94-2021-pasal-8-4': {
    id: 'pp-94-2021-pasal-8-4',
    instrument: PP_94_2021,
    article: 'Pasal 8 ayat (4) (hukuman disiplin berat)',
    text:
      'a. penurunan jabatan setingkat lebih rendah selama 12 (dua belas) bulan; b. pembebasan ' +
      'dari jabatannya menjadi jabatan pelaksana selama 12 (dua belas) bulan; dan c. ' +
      'pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS.',
    source: 'VP',
    confidence: 'H',
    appliesTo: ['pns'],
  },
  /** PP 49/2018 Pasal 51–52 [M, VS]: PPPK discipline. */
  'pp-49-2018-pasal-51-52': {
    id: 'pp-49-2018-pasal-51-52',
    instrument: PP_49_2018,
    article: 'Pasal 51–52',
    text: 'PPPK yang melakukan pelanggaran disiplin dijatuhi hukuman disiplin',
    source: 'VS',
    confidence: 'M',
    appliesTo: ['pppk'],
    note: {
      id: 'Tata caranya mengikuti ketentuan tentang disiplin PNS.',
      en: 'The procedure follows the rules on civil-servant (PNS) discipline.',
    },
  },
  /** PP 49/2018 Pasal 53 ayat (2) huruf b [M, VS]: a heavy breach ends the work agreement. */
  'pp-49-2018-pasal-53-2-b': {
    id: 'pp-49-2018-pasal-53-2-b',
    instrument: PP_49_2018,
    article: 'Pasal 53 ayat (2) huruf b',
    text: 'pelanggaran disiplin PPPK tingkat berat',
    source: 'VS',
    confidence: 'M',
    appliesTo: ['pppk'],
    intro: {
      id: 'Perjanjian kerja PPPK diputus (pemutusan hubungan perjanjian kerja) karena:',
      en: 'A PPPK work agreement is ended (pemutusan hubungan perjanjian kerja) for:',
    },
  },
  /** SE MenPANRB 01/2023 [M, VS]: PPNPN sanctions per the work contract, up to termination. */
  'se-menpanrb-01-2023-sanksi': {
    id: 'se-menpanrb-01-2023-sanksi',
    instrument: SE_01_2023,
    article: 'Isi edaran, tentang sanksi (nomor butir tidak disebut dalam sumber)',
    numbered: false,
    text: 'bertingkat sampai dengan PHK sebagaimana tercantum dalam perjanjian kerja',
    source: 'VS',
    confidence: 'M',
    appliesTo: ['ppnpn'],
    intro: {
      id: 'Sanksi bagi PPNPN yang melanggar netralitas:',
      en: 'The sanction for PPNPN staff who breach neutrality:',
    },
  },
} as const satisfies Record<string, Clause>;

export type SanctionClauseId = keyof typeof SANCTION_CLAUSES;

/** Every catalog clause by id (cited and sanction basis). */
export const ALL_CLAUSES: Readonly<Record<string, Clause>> = { ...CLAUSES, ...SANCTION_CLAUSES };
