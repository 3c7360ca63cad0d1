/**
 * The clauses a warning may cite, as data. Every text is copied verbatim (ellipses
 * included) from /work/shared/domain/law.md, which is the only source: a wrong article
 * number or an invented quote is a defect, so each clause carries the tag law.md gives it
 * and how sure we are of the text and of its numbering.
 *
 * Tags: VP = verbatim from the official text; VS = verbatim as quoted by a government or
 * news page, not checked against the original; PR = paraphrase; LOCAL = an agency's own
 * circular delivered by managed policy (`localClauses`).
 * Confidence: H high, M medium, L low. An L clause is only ever shown as "dapat dianggap …"
 * (the warning component does that, so no text here needs to).
 */
import type { Bilingual } from '../i18n/common';

export type ClauseSource = 'VP' | 'VS' | 'PR' | 'LOCAL';
export type Confidence = 'H' | 'M' | 'L';

export interface Instrument {
  /** A short name for the clause heading. */
  short: Bilingual;
  /** The instrument's full official name and number, in Indonesian. */
  full: string;
}

export interface Clause {
  /** Stable id; the warning puts it in `[data-clause]` (INTERFACES §4). */
  id: string;
  instrument: Instrument;
  /** Article / item within the instrument, in Indonesian as it is cited. */
  article: string;
  /** Verbatim Indonesian text, exactly as law.md gives it (LOCAL: as the policy gives it). */
  text: string;
  source: ClauseSource;
  /** How sure we are of the text. */
  confidence: Confidence;
  /** How sure we are of the article/item numbering, where law.md rates it lower than the text. */
  citationConfidence?: Confidence;
  note?: Bilingual;
}

/** law.md §1: the full name of the 2022 joint decree. The last number is 1447.1, not "144.1". */
export const SKB_2022: Instrument = {
  short: {
    id: 'SKB Netralitas ASN 2022 (MenPANRB, Mendagri, Kepala BKN, Ketua KASN, Ketua Bawaslu)',
    en: 'Joint Decree on ASN Neutrality, 2022 (MenPANRB, Home Affairs, BKN, KASN, Bawaslu)',
  },
  full:
    'KEPUTUSAN BERSAMA MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI, ' +
    'MENTERI DALAM NEGERI, KEPALA BADAN KEPEGAWAIAN NEGARA, KETUA KOMISI APARATUR SIPIL ' +
    'NEGARA, DAN KETUA BADAN PENGAWAS PEMILIHAN UMUM NOMOR 2 TAHUN 2022, NOMOR 800-5474 ' +
    'TAHUN 2022, NOMOR 246 TAHUN 2022, NOMOR 30 TAHUN 2022, NOMOR 1447.1/PM.01/K.1/09/2022 ' +
    'TENTANG PEDOMAN PEMBINAAN DAN PENGAWASAN NETRALITAS PEGAWAI APARATUR SIPIL NEGARA DALAM ' +
    'PENYELENGGARAAN PEMILIHAN UMUM DAN PEMILIHAN',
};

export const PP_94_2021: Instrument = {
  short: { id: 'PP 94/2021 tentang Disiplin PNS', en: 'Government Regulation 94/2021 on Civil Servant Discipline' },
  full: 'Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil',
};

export const PP_42_2004: Instrument = {
  short: {
    id: 'PP 42/2004 tentang Pembinaan Jiwa Korps dan Kode Etik PNS',
    en: 'Government Regulation 42/2004 on the Civil Service Corps and Code of Ethics',
  },
  full:
    'Peraturan Pemerintah Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan Kode Etik ' +
    'Pegawai Negeri Sipil',
};

export const UU_20_2023: Instrument = {
  short: { id: 'UU 20/2023 tentang ASN', en: 'Law 20/2023 on the State Civil Apparatus (ASN)' },
  full: 'Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara',
};

export const SE_B71_2017: Instrument = {
  short: { id: 'SE MenPANRB B/71/M.SM.00.00/2017', en: 'MenPANRB Circular B/71/M.SM.00.00/2017' },
  // law.md gives only the number; the title ("tentang …") is not given, so none is written.
  full:
    'Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor ' +
    'B/71/M.SM.00.00/2017',
};

/** Clauses cited for an action (law.md §§1, 2, 4, 5). */
export const CLAUSES = {
  /** law.md §1: posting, comment, share, like, bergabung/follow [H, VS]; numbering [M]. */
  'skb-2022-medsos': {
    id: 'skb-2022-medsos',
    instrument: SKB_2022,
    article: 'Lampiran II, tabel pelanggaran kode etik angka 4; tabel pelanggaran disiplin angka 6',
    text:
      'Membuat posting, comment, share, like, bergabung/follow dalam grup/akun pemenangan bakal ' +
      'calon (Presiden/Wakil Presiden/DPR/DPD/DPRD/Gubernur/Wakil Gubernur/Bupati/Wakil ' +
      'Bupati/Wali Kota/Wakil Wali Kota)',
    source: 'VS',
    confidence: 'H',
    citationConfidence: 'M',
    note: {
      id:
        'Teks ini dilaporkan sama oleh beberapa media; penomoran butir pada Lampiran II belum ' +
        'dicocokkan dengan naskah asli.',
      en:
        'Several outlets report this text identically; the item numbers in Annex II have not ' +
        'yet been checked against the original.',
    },
  },
  /** law.md §1: online campaigning [M-H, VS]; numbering [M]. Cited for share. */
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
  },
  /** law.md §5: SE MenPANRB B/71/M.SM.00.00/2017 [M, VS]; "menyebarluaskan" for share. */
  'se-menpanrb-b71-2017': {
    id: 'se-menpanrb-b71-2017',
    instrument: SE_B71_2017,
    // law.md quotes the text but gives no item number; none is invented.
    article: 'Isi edaran (nomor butir tidak disebut dalam sumber)',
    text:
      'PNS dilarang mengunggah, menanggapi (seperti like, komentar, dan sejenisnya) atau ' +
      'menyebarluaskan gambar/foto bakal calon/bakal pasangan calon Kepala Daerah, visi misi …, ' +
      'maupun keterkaitan lain … melalui media online maupun media sosial',
    source: 'VS',
    confidence: 'M',
    note: {
      id:
        'Edaran daerah, misalnya SE Sekda Purbalingga 800/3871 (27 Februari 2023), memakai ' +
        'rumusan ini kembali.',
      en: 'Local circulars, e.g. Purbalingga SE 800/3871 (27 February 2023), reuse this wording.',
    },
  },
  /** law.md §2: PP 94/2021 Pasal 1 angka 6 [H, VP]: on or off duty. */
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
  /** law.md §4: UU 20/2023 Pasal 24 ayat (1) huruf d [H, VP]. */
  'uu-20-2023-pasal-24-1-d': {
    id: 'uu-20-2023-pasal-24-1-d',
    instrument: UU_20_2023,
    article: 'Pasal 24 ayat (1) huruf d',
    text: 'Pegawai ASN wajib: … d. menjaga netralitas',
    source: 'VP',
    confidence: 'H',
    note: {
      id: 'Menurut Pasal 24 ayat (2), pelanggaran kewajiban ini dikenai hukuman disiplin; berlaku bagi PNS dan PPPK.',
      en: 'Under Article 24(2), breaching this duty leads to disciplinary action; it covers both PNS and PPPK.',
    },
  },
} as const satisfies Record<string, Clause>;

export type ClauseId = keyof typeof CLAUSES;

/**
 * The basis of the sanction line (law.md §§1–3), kept apart from the cited clauses: it is
 * what may follow, not what is prohibited.
 */
export const SANCTION_CLAUSES = {
  /** law.md §3: PP 42/2004 Pasal 15 [H, VP]: moral sanction for code-of-ethics breaches. */
  'pp-42-2004-pasal-15': {
    id: 'pp-42-2004-pasal-15',
    instrument: PP_42_2004,
    article: 'Pasal 15',
    text:
      '(1) Pegawai Negeri Sipil yang melakukan pelanggaran Kode Etik dikenakan sanksi moral. … ' +
      '(3) Sanksi moral … berupa: a. pernyataan secara tertutup; atau b. pernyataan secara terbuka.',
    source: 'VP',
    confidence: 'H',
  },
  /** law.md §2: PP 94/2021 Pasal 8 ayat (4) [H, VP]: heavy disciplinary punishments. */
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
  },
} as const satisfies Record<string, Clause>;

/** Every catalog clause by id (cited and sanction basis). */
export const ALL_CLAUSES: Readonly<Record<string, Clause>> = { ...CLAUSES, ...SANCTION_CLAUSES };
