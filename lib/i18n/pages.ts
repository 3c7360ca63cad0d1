/** Words of the popup and the options page. Indonesian first; English second. */
import { describeHooksError, isHooksErrorCode } from '../hooks/errors';
import type { Locale } from '../model';
import type { Outcome, ReportErrorCode } from '../storage/items';
import type { Bilingual } from './common';

type Texts = Record<string, Bilingual>;

/** Shared by the popup and the options page. */
export const PAGE = {
  appName: { id: 'Jaga Netral', en: 'Jaga Netral' },
  loading: { id: 'Memuat…', en: 'Loading…' },
  loadFailed: {
    id: 'Status tidak dapat dibaca. Tutup lalu buka kembali halaman ini.',
    en: 'The status could not be read. Close and reopen this page.',
  },
  protection: { id: 'Perlindungan', en: 'Protection' },
  protectionOff: {
    id: 'Nonaktif: tidak ada tindakan yang diperingatkan atau dicatat.',
    en: 'Off: no action is warned about or recorded.',
  },
  overrides: { id: 'Pengecualian per tindakan', en: 'Per-action overrides' },
  lists: { id: 'Daftar akun', en: 'Account lists' },
  listVersion: { id: 'Versi daftar', en: 'List version' },
  listEntries: { id: 'Jumlah entri', en: 'Entries' },
  listSyncedAt: { id: 'Terakhir disinkronkan', en: 'Last synchronised' },
  noList: { id: 'Belum ada daftar', en: 'No list yet' },
  noListLong: {
    id: 'Belum ada daftar akun yang berlaku; belum ada akun yang dikenali.',
    en: 'No account list is in force yet; no account is recognised.',
  },
  never: { id: 'belum pernah', en: 'never' },
  demoList: { id: 'Daftar contoh (fiktif)', en: 'Example list (fictitious)' },
  demoListNote: {
    id: 'Daftar contoh (fiktif) sedang berlaku: berisi akun rekaan untuk mencoba ekstensi, bukan kandidat sungguhan.',
    en: 'The example list (fictitious) is in force: it holds made-up accounts for trying the extension, not real candidates.',
  },
  lastGoodStays: {
    id: 'Daftar terakhir yang valid dari sumber ini tetap berlaku.',
    en: 'The last good list from this source stays in force.',
  },
  noGoodYet: {
    id: 'Belum ada daftar valid dari sumber ini.',
    en: 'No good list from this source yet.',
  },
  syncNow: { id: 'Sinkronkan sekarang', en: 'Synchronise now' },
  syncing: { id: 'Menyinkronkan…', en: 'Synchronising…' },
  syncDone: { id: 'Sinkronisasi selesai.', en: 'Synchronisation finished.' },
  syncFailed: {
    id: 'Sinkronisasi tidak dapat dijalankan. Coba lagi sebentar lagi.',
    en: 'Synchronisation could not be started. Try again shortly.',
  },
  sites: { id: 'Situs yang dijaga', en: 'Guarded sites' },
  noSites: { id: 'Tidak ada situs yang dijaga.', en: 'No site is guarded.' },
  managedYes: { id: 'Dikelola oleh organisasi Anda', en: 'Managed by your organisation' },
  managedNo: { id: 'Tidak dikelola organisasi (pengaturan pribadi)', en: 'Not managed by an organisation (personal settings)' },
  lockedNote: {
    id: 'Pengaturan yang ditetapkan organisasi Anda terkunci.',
    en: 'Settings your organisation sets are locked.',
  },
  noBrowsingData: {
    id: 'Tidak ada data penjelajahan yang dikirim dari perangkat ini.',
    en: 'No browsing data is sent from this device.',
  },
  reportWhat: {
    id: 'Yang dikirim: tindakan (suka, komentar, bagikan, ikuti), situs, akun terdaftar, versi daftar, pasal yang dikutip, hasilnya (diperingatkan, dibatalkan, dilanjutkan beserta alasan bila alasan diwajibkan, dicegah, dicatat), waktu, dan ID acak pemasangan ini; juga pemberitahuan bila tombol suatu situs tidak lagi dikenali (situs, nama hook, versi data situs). Tidak dikirim: alamat halaman, isi unggahan, atau riwayat penjelajahan lain.',
    en: 'Sent: the action (like, comment, share, follow), the site, the listed account, the list version, the clauses cited, the outcome (warned, cancelled, went ahead with the reason when a reason was required, blocked, recorded), the time and a random id of this installation; also a notice when a site’s buttons are no longer recognised (the site, the hook name, the site data version). Not sent: page addresses, post text or any other browsing.',
  },
  reportPending: { id: 'Menunggu dikirim', en: 'Waiting to be sent' },
  reportSentAt: { id: 'Terakhir terkirim', en: 'Last delivered' },
  recent: { id: 'Peringatan terakhir', en: 'Recent warnings' },
  noEvents: { id: 'Belum ada peringatan.', en: 'No warnings yet.' },
  settings: { id: 'Pengaturan', en: 'Settings' },
  privacyTitle: { id: 'Privasi', en: 'Privacy' },
  contact: { id: 'Kontak', en: 'Contact' },
  help: { id: 'Bantuan', en: 'Help' },
  yes: { id: 'ya', en: 'yes' },
  no: { id: 'tidak', en: 'no' },
  hooksTitle: { id: 'Pengenalan tombol di situs', en: 'Button recognition on sites' },
  healthOk: { id: 'berfungsi', en: 'working' },
  healthDegraded: { id: 'terganggu', en: 'impaired' },
  healthDegradedWhy: {
    id: 'tombol untuk aksi ini tidak lagi dikenali, jadi peringatan bisa tidak muncul. Beri tahu TI instansi Anda.',
    en: 'the button for this action is no longer recognised, so the warning may not appear. Tell your agency’s IT.',
  },
  healthUnknown: {
    id: 'belum diperiksa (buka situs ini untuk memeriksanya)',
    en: 'not checked yet (open the site to check it)',
  },
  hooksBundled: { id: 'bawaan', en: 'bundled' },
  hooksSourceProblem: { id: 'Pembaruan data situs', en: 'Site data update' },
} satisfies Texts;

/** "data situs versi 3 (bawaan)" / "… versi 4 dari https://…". */
export function hooksVersionLine(version: number, source: string | undefined): Bilingual {
  return source === undefined
    ? { id: `data situs versi ${version} (bawaan)`, en: `site data version ${version} (bundled)` }
    : { id: `data situs versi ${version} dari ${source}`, en: `site data version ${version} from ${source}` };
}

/**
 * Why a hooks source failed, in words (the hooks' own codes, and the download's: network,
 * timeout, HTTP), always saying that the hooks in use stay in use.
 */
export function describeHooksSourceError(code: string, detail: string | undefined, locale: Locale): string {
  if (isHooksErrorCode(code)) return describeHooksError({ code, detail }, locale);
  const en = locale === 'en';
  const keep = en ? 'The site data already in use stays in use.' : 'Data situs yang sudah ada tetap dipakai.';
  const status = /\d{3}/.exec(detail ?? '')?.[0];
  switch (code) {
    case 'network':
      return en ? `The site data server could not be reached. ${keep}` : `Server data situs tidak dapat dihubungi. ${keep}`;
    case 'timeout':
      return en ? `The site data server took too long to answer. ${keep}` : `Server data situs terlalu lama menjawab. ${keep}`;
    case 'http':
      return en
        ? `The site data server answered with an error${status ? ` (HTTP ${status})` : ''}. ${keep}`
        : `Server data situs menjawab dengan galat${status ? ` (HTTP ${status})` : ''}. ${keep}`;
    default:
      return describeHooksError({ code, detail }, locale);
  }
}

/** The reporting line of the popup and the options page (`organization` from policy). */
export function reportingOn(organization: string | undefined, host: string): Bilingual {
  return {
    id: `Pelaporan aktif: tindakan Anda pada akun yang terdaftar dilaporkan ke ${organization || 'organisasi Anda'} (${host}).`,
    en: `Reporting is on: your actions on listed accounts are reported to ${organization || 'your organisation'} (${host}).`,
  };
}

/** Why reports are not going out, and what happens to them meanwhile. */
export function reportProblem(code: ReportErrorCode, detail: string | undefined): Bilingual {
  const d = detail ? ` (${detail})` : '';
  const kept = { id: 'Laporan tetap disimpan dan dikirim ulang otomatis.', en: 'The reports are kept and sent again automatically.' };
  const hourly = { id: 'Laporan tetap disimpan; dicoba lagi setiap jam.', en: 'The reports are kept and tried again every hour.' };
  switch (code) {
    case 'network':
      return { id: `Server pelaporan tidak dapat dihubungi${d}. ${kept.id}`, en: `The reporting server could not be reached${d}. ${kept.en}` };
    case 'timeout':
      return { id: `Server pelaporan tidak menjawab tepat waktu${d}. ${kept.id}`, en: `The reporting server did not answer in time${d}. ${kept.en}` };
    case 'http':
      return { id: `Server pelaporan sedang bermasalah${d}. ${kept.id}`, en: `The reporting server is having trouble${d}. ${kept.en}` };
    case 'refused':
      return {
        id: `Server pelaporan menolak laporan${d}: periksa 'reportUrl' dan 'reportToken' di kebijakan. ${hourly.id}`,
        en: `The reporting server refused the reports${d}: check 'reportUrl' and 'reportToken' in the policy. ${hourly.en}`,
      };
    case 'bad-response':
      return {
        id: `Jawaban server pelaporan tidak dikenali${d}: periksa 'reportFormat' di kebijakan. ${hourly.id}`,
        en: `The reporting server's answer was not understood${d}: check 'reportFormat' in the policy. ${hourly.en}`,
      };
    case 'rejected':
      return {
        id: `Sebagian laporan ditolak server dan tidak dikirim ulang${d}.`,
        en: `Some reports were refused by the server and are not sent again${d}.`,
      };
  }
}

export function reportsDropped(n: number): Bilingual {
  return {
    id: `${n} laporan terbuang karena antrean di perangkat ini penuh; jumlahnya dilaporkan bersama pengiriman berikutnya.`,
    en: `${n} ${n === 1 ? 'report was' : 'reports were'} dropped because the queue on this device was full; the count is reported with the next delivery.`,
  };
}

export function listVersionOf(version: number): Bilingual {
  return { id: `versi ${version}`, en: `version ${version}` };
}

export function entriesCount(n: number, locale: 'id' | 'en'): string {
  const s = n.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB');
  return locale === 'id' ? `${s} entri` : `${s} ${n === 1 ? 'entry' : 'entries'}`;
}

export const OUTCOME_LABELS: Record<Outcome, Bilingual> = {
  warned: { id: 'Diperingatkan', en: 'Warned' },
  cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
  proceeded: { id: 'Tetap dilanjutkan', en: 'Went ahead' },
  blocked: { id: 'Dicegah', en: 'Blocked' },
  audited: { id: 'Dicatat (tanpa peringatan)', en: 'Recorded (no warning)' },
};

export const OPTIONS = {
  title: { id: 'Pengaturan Jaga Netral', en: 'Jaga Netral settings' },
  policyNotes: { id: 'Catatan kebijakan', en: 'Policy notes' },
  policyNotesIntro: {
    id: 'Nilai berikut dari kebijakan organisasi tidak dapat dipakai dan diabaikan:',
    en: 'These values in your organisation’s policy could not be used and were ignored:',
  },
  settingsTitle: { id: 'Pengaturan', en: 'Settings' },
  setByOrg: { id: 'Diatur oleh organisasi Anda', en: 'Set by your organisation' },
  orgDefault: {
    id: 'Nilai awal dari organisasi Anda; Anda boleh mengubahnya.',
    en: 'Starting value from your organisation; you may change it.',
  },
  cannotTurnOff: {
    id: 'Organisasi Anda mengunci pengaturan: perlindungan tidak dapat dimatikan.',
    en: 'Your organisation locks the settings: protection cannot be switched off.',
  },
  listUrls: { id: 'Alamat daftar akun (satu per baris)', en: 'Account list URLs (one per line)' },
  listUrlsHelp: {
    id: 'Alamat http atau https dari daftar bertanda tangan. Beberapa daftar digabungkan.',
    en: 'http or https addresses of signed lists. Several lists are merged.',
  },
  listPublicKeys: { id: 'Kunci publik penanda tangan daftar (satu per baris)', en: 'List signing public keys (one per line)' },
  listPublicKeysHelp: {
    id: "Bentuk: ed25519:<base64>. Hanya daftar yang ditandatangani dengan kunci ini yang diterima.",
    en: 'Form: ed25519:<base64>. Only lists signed with these keys are accepted.',
  },
  syncInterval: { id: 'Periksa daftar setiap (menit)', en: 'Check lists every (minutes)' },
  mode: { id: 'Mode perlindungan', en: 'Protection mode' },
  actionModes: { id: 'Mode per tindakan', en: 'Mode per action' },
  followMain: { id: 'ikuti mode utama', en: 'follow the main mode' },
  sites: { id: 'Situs yang dijaga', en: 'Guarded sites' },
  locale: { id: 'Bahasa', en: 'Language' },
  localeId: { id: 'Bahasa Indonesia', en: 'Bahasa Indonesia' },
  localeEn: { id: 'English', en: 'English' },
  localeAuto: { id: 'Ikuti bahasa peramban', en: 'Follow the browser' },
  employeeStatus: { id: 'Status kepegawaian', en: 'Employment status' },
  employeeStatusHelp: {
    id: 'Tidak semua aturan mengikat semua pegawai: peringatan hanya menampilkan aturan dan sanksi yang berlaku bagi status Anda.',
    en: 'Not every rule binds every employee: the warning shows only the rules and sanctions that apply to your status.',
  },
  employeeStatusPns: { id: 'PNS', en: 'PNS (civil servant)' },
  employeeStatusPppk: { id: 'PPPK', en: 'PPPK (contract civil servant)' },
  employeeStatusPpnpn: { id: 'PPNPN (pegawai pemerintah non-ASN)', en: 'PPNPN (non-ASN government staff)' },
  employeeStatusMixed: { id: 'Campuran atau tidak diketahui', en: 'Mixed or unknown' },
  save: { id: 'Simpan', en: 'Save' },
  saving: { id: 'Menyimpan…', en: 'Saving…' },
  saved: { id: 'Pengaturan disimpan.', en: 'Settings saved.' },
  notSaved: {
    id: 'Belum disimpan: perbaiki isian yang ditandai.',
    en: 'Not saved: correct the marked fields.',
  },
  saveFailed: { id: 'Pengaturan tidak dapat disimpan.', en: 'The settings could not be saved.' },
  tooMany: { id: 'terlalu banyak baris', en: 'too many lines' },
  duplicate: { id: 'baris ganda', en: 'duplicate line' },
  line: { id: 'Baris', en: 'Line' },
  sourcesTitle: { id: 'Sumber daftar', en: 'List sources' },
  source: { id: 'Sumber', en: 'Source' },
  version: { id: 'Versi', en: 'Version' },
  entries: { id: 'Entri', en: 'Entries' },
  syncedAt: { id: 'Disinkronkan', en: 'Synchronised' },
  checkedAt: { id: 'Diperiksa', en: 'Checked' },
  status: { id: 'Status', en: 'Status' },
  ok: { id: 'Baik', en: 'OK' },
  noSources: { id: 'Belum ada sumber daftar.', en: 'No list source yet.' },
  historyTitle: { id: 'Riwayat peringatan di perangkat ini', en: 'Warning record on this device' },
  historyIntro: {
    id: 'Catatan ini hanya disimpan di perangkat ini.',
    en: 'This record is kept on this device only.',
  },
  historyIntroReporting: {
    id: 'Catatan ini disimpan di perangkat ini. Karena pelaporan aktif, tindakan yang sama juga dilaporkan ke organisasi Anda (lihat Privasi); menghapus catatan ini tidak menarik laporan, baik yang sudah terkirim maupun yang menunggu.',
    en: 'This record is kept on this device. Because reporting is on, the same actions are also reported to your organisation (see Privacy); clearing this record does not withdraw reports, sent or waiting.',
  },
  time: { id: 'Waktu', en: 'Time' },
  site: { id: 'Situs', en: 'Site' },
  action: { id: 'Tindakan', en: 'Action' },
  account: { id: 'Akun', en: 'Account' },
  outcome: { id: 'Hasil', en: 'Outcome' },
  reason: { id: 'Alasan', en: 'Reason' },
  clearHistory: { id: 'Hapus riwayat', en: 'Clear record' },
  clearing: { id: 'Menghapus…', en: 'Clearing…' },
  cleared: { id: 'Riwayat dihapus.', en: 'Record cleared.' },
  clearFailed: { id: 'Riwayat tidak dapat dihapus.', en: 'The record could not be cleared.' },
  privacyLists: {
    id: 'Yang keluar dari perangkat ini hanyalah permintaan unduhan daftar akun ke alamat daftar yang berlaku (dan pembaruan data situs, bila diatur organisasi Anda). Riwayat penjelajahan dan isi halaman tidak pernah dikirim; catatan peringatan disimpan di perangkat ini.',
    en: 'The only thing that leaves this device is the download of account lists from the list addresses in force (and of site data updates, when your organisation sets them). Browsing history and page content are never sent; the warning record is kept on this device.',
  },
  hooksPolicyTitle: { id: 'Pembaruan data situs (hooks)', en: 'Site data updates (hooks)' },
  hooksPolicyIntro: {
    id: 'Bila situs mengubah tampilannya, organisasi Anda dapat mengirim perbaikan bertanda tangan tanpa menunggu versi baru ekstensi. Diatur oleh kebijakan organisasi saja.',
    en: 'When a site changes its pages, your organisation can send a signed fix without waiting for a new version of the extension. Set by your organisation’s policy only.',
  },
  hooksUrls: { id: 'Alamat pembaruan data situs', en: 'Site data update URLs' },
  hooksPublicKeys: { id: 'Kunci publik penanda tangan', en: 'Signing public keys' },
  hooksKeysFromLists: {
    id: 'sama dengan kunci daftar (listPublicKeys)',
    en: 'the same as the list keys (listPublicKeys)',
  },
  noHooksUrls: {
    id: 'Tidak ada: data situs bawaan ekstensi yang dipakai.',
    en: 'None: the site data bundled with the extension is used.',
  },
  hooksSites: { id: 'Situs', en: 'Sites' },
  privacyNoReport: {
    id: 'Pelaporan audit tidak aktif: organisasi Anda tidak mengatur alamat pelaporan.',
    en: 'Audit reporting is off: your organisation has not set a reporting address.',
  },
} satisfies Texts;

/** The privacy statement while reporting is on (OPTIONS.privacyLists holds while it is off). */
export function privacyListsAndReports(organization: string | undefined, host: string): Bilingual {
  return {
    id: `Yang keluar dari perangkat ini: unduhan daftar akun dari alamat daftar yang berlaku, dan — karena diatur oleh ${organization || 'organisasi Anda'} — laporan tindakan Anda pada akun yang terdaftar ke ${host}. Riwayat penjelajahan dan isi halaman tidak pernah dikirim.`,
    en: `What leaves this device: the download of account lists from the list addresses in force and — because ${organization || 'your organisation'} set it — reports of your actions on listed accounts to ${host}. Browsing history and page content are never sent.`,
  };
}

export function corsNote(origins: string[]): Bilingual {
  const list = origins.join(', ');
  return {
    id: `Izin akses ke ${list} tidak diberikan. Daftar tetap dapat diunduh bila servernya mengizinkan CORS (Access-Control-Allow-Origin).`,
    en: `Access to ${list} was not granted. The list can still be downloaded if its server allows CORS (Access-Control-Allow-Origin).`,
  };
}
