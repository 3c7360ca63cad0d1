/**
 * The options page: the user's settings (UserSettings in `jn.user`; the background
 * recomputes the config when it changes), what the organisation's policy sets or locks,
 * policy values that were ignored, the list sources in detail, the local warning record,
 * and what leaves the device.
 *
 * The form starts from the settings in force and stores only what differs from what would
 * apply without user settings, so a value left as the organisation set it keeps following
 * the organisation if it changes later.
 */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '../../browser';
import { ACTION_NOUNS, MODE_LABELS, SITE_LABELS, t } from '../../i18n/common';
import type { Bilingual } from '../../i18n/common';
import { OPTIONS, OUTCOME_LABELS, PAGE, corsNote, privacyListsAndReports } from '../../i18n/pages';
import { sendMessage } from '../../messaging/client';
import { ACTIONS, EMPLOYEE_STATUS_SETTINGS, LOCALES, MODES, PLATFORMS } from '../../model';
import { GUARDED_SITES } from '../../sites/registry';
import type { Action, EmployeeStatusSetting, Locale, LocaleSetting, Mode, SiteId } from '../../model';
import { effectiveConfig } from '../../policy/effective';
import type { EffectiveConfig, PolicyState, UserSettingKey, UserSettings } from '../../policy/types';
import { LIMITS, checkListUrl, checkPublicKey, checkSyncInterval, validatePolicy } from '../../policy/validate';
import type { Check } from '../../policy/validate';
import { KEYS } from '../../storage/items';
import type { GuardEvent, ReportState, SourceStatus } from '../../storage/items';
import { DEMO_SOURCE, formatTime, hooksSourceProblem, hostOf, originOf, pageLocale, sourceProblem, usePageData } from '../pages/data';
import type { PageData } from '../pages/data';
import { HooksLines } from '../pages/Hooks';
import { ManagedLines } from '../pages/Managed';
import { ReportingLines } from '../pages/Reporting';
import { SyncButton } from '../pages/SyncButton';

type Status = { kind: 'ok' | 'error' | 'info'; text: Bilingual[] } | undefined;

export function Options() {
  const { data, error, reload } = usePageData();
  const [status, setStatus] = useState<Status>();
  const granted = useGrantedOrigins();

  if (!data) {
    const locale = pageLocale(undefined);
    return (
      <main class="jn-options" aria-busy={!error}>
        <h1>{t(OPTIONS.title, locale)}</h1>
        <p role="status">{error ? t(PAGE.loadFailed, locale) : t(PAGE.loading, locale)}</p>
      </main>
    );
  }

  // Computed here (the same pure function the background uses) so a save shows at once;
  // the background's cached copy is used only when the policy state is not stored yet.
  const config = data.policy || !data.config.managed ? effectiveConfig(data.policy, data.user) : data.config;
  const locale = pageLocale(config);
  const formKey = JSON.stringify([data.policy?.policy ?? null, data.policy?.managed ?? false, data.user]);

  return (
    <main class="jn-options" lang={locale}>
      <h1>{t(OPTIONS.title, locale)}</h1>
      <ManagedNotice config={config} locale={locale} />
      <PolicyNotes policy={data.policy} locale={locale} />
      <SettingsForm
        key={formKey}
        config={config}
        policy={data.policy}
        user={data.user}
        locale={locale}
        granted={granted}
        status={status}
        setStatus={setStatus}
      />
      <Sources sources={data.sources} locale={locale} reload={reload} />
      <SiteHooks data={data} config={config} locale={locale} />
      <History events={data.events} reporting={Boolean(config.reportUrl)} locale={locale} reload={reload} />
      <Privacy config={config} report={data.report} dropped={data.reportDropped} locale={locale} />
    </main>
  );
}

// ---------------------------------------------------------------------------------------

function ManagedNotice({ config, locale }: { config: EffectiveConfig; locale: Locale }) {
  return (
    <section class="jn-card" aria-label={t(config.managed ? PAGE.managedYes : PAGE.managedNo, locale)}>
      <ManagedLines config={config} locale={locale} />
    </section>
  );
}

function PolicyNotes({ policy, locale }: { policy: PolicyState | undefined; locale: Locale }) {
  const notes = policy?.notes ?? [];
  if (notes.length === 0) return null;
  return (
    <section class="jn-card jn-notes" aria-labelledby="jn-policy-notes">
      <h2 id="jn-policy-notes">{t(OPTIONS.policyNotes, locale)}</h2>
      <p>{t(OPTIONS.policyNotesIntro, locale)}</p>
      <ul data-status="policy-notes">
        {notes.map((n, i) => (
          <li key={i} data-key={n.key}>
            {n[locale]}
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------------------------------
// The settings form

/** Host permissions the extension holds now (optional API; none known = ask). */
function useGrantedOrigins(): string[] {
  const [granted, setGranted] = useState<string[]>([]);
  useEffect(() => {
    try {
      if (typeof browser.permissions?.getAll !== 'function') return;
      Promise.resolve(browser.permissions.getAll()).then(
        (p) => setGranted(p?.origins ?? []),
        () => undefined,
      );
    } catch {
      /* not available: every new origin is asked for */
    }
  }, []);
  return granted;
}

/** Does one of these match patterns (`https://*\/*`, `*://host/*`, `<all_urls>`) cover it? */
export function originCovered(origin: string, patterns: string[]): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  const scheme = u.protocol.slice(0, -1);
  return patterns.some((p) => {
    if (p === '<all_urls>') return true;
    const m = /^(\*|https?):\/\/([^/]+)\//.exec(p);
    if (!m) return false;
    if (m[1] !== '*' && m[1] !== scheme) return false;
    const host = m[2];
    if (host === '*') return true;
    if (host.startsWith('*.')) return u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1));
    return u.hostname === host;
  });
}

function requestOrigins(origins: string[]): Promise<boolean> {
  // Called synchronously from the submit handler: Chrome grants the prompt only within the
  // user's gesture. Failure is fine: a server that sends CORS headers needs no permission.
  try {
    if (typeof browser.permissions?.request !== 'function') return Promise.resolve(false);
    return Promise.resolve(browser.permissions.request({ origins: origins.map((o) => `${o}/*`) })).then(
      (r) => r === true,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}

interface FormState {
  listUrls: string;
  listPublicKeys: string;
  syncIntervalMinutes: string;
  mode: Mode;
  actionModes: Record<Action, Mode | ''>;
  sites: SiteId[];
  locale: LocaleSetting;
  employeeStatus: EmployeeStatusSetting;
}

type Errors = Partial<Record<UserSettingKey, string[]>>;

function initialState(config: EffectiveConfig): FormState {
  return {
    listUrls: config.listUrls.join('\n'),
    listPublicKeys: config.listPublicKeys.join('\n'),
    syncIntervalMinutes: String(config.syncIntervalMinutes),
    mode: config.mode,
    actionModes: Object.fromEntries(ACTIONS.map((a) => [a, config.actionModes[a] ?? ''])) as Record<Action, Mode | ''>,
    sites: [...config.sites],
    locale: config.locale,
    employeeStatus: config.employeeStatus,
  };
}

const EMPLOYEE_STATUS_LABELS: Record<EmployeeStatusSetting, Bilingual> = {
  pns: OPTIONS.employeeStatusPns,
  pppk: OPTIONS.employeeStatusPppk,
  ppnpn: OPTIONS.employeeStatusPpnpn,
  mixed: OPTIONS.employeeStatusMixed,
};

function checkLines(text: string, check: (v: unknown) => Check<string>, max: number, locale: Locale) {
  const values: string[] = [];
  const errors: string[] = [];
  const all = text.split(/\r?\n/);
  all.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const c = check(line);
    const where = `${t(OPTIONS.line, locale)} ${i + 1}`;
    if (!c.ok) errors.push(`${where}: ${t(c.problem, locale)}`);
    else if (values.includes(c.value)) errors.push(`${where}: ${t(OPTIONS.duplicate, locale)}`);
    else values.push(c.value);
  });
  if (values.length > max) errors.push(`${t(OPTIONS.tooMany, locale)} (> ${max})`);
  return { values, errors };
}

/** Normalised for comparison (actionModes key order, arrays as they are). */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

const USER_KEYS: UserSettingKey[] = [
  'listUrls',
  'listPublicKeys',
  'syncIntervalMinutes',
  'mode',
  'actionModes',
  'sites',
  'locale',
  'employeeStatus',
];

interface FormProps {
  config: EffectiveConfig;
  policy: PolicyState | undefined;
  user: UserSettings;
  locale: Locale;
  granted: string[];
  status: Status;
  setStatus: (s: Status) => void;
}

function SettingsForm({ config, policy, user, locale, granted, status, setStatus }: FormProps) {
  const [form, setForm] = useState<FormState>(() => initialState(config));
  // The latest values, also before Preact re-renders (an Enter right after typing).
  const latest = useRef(form);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const fromPolicy = (k: UserSettingKey) => config.policyKeys.includes(k);
  const locked = (k: UserSettingKey) => config.locked && (fromPolicy(k) || k === 'sites');
  const editable = USER_KEYS.filter((k) => !locked(k));
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    latest.current = { ...latest.current, [k]: v };
    setForm(latest.current);
  };

  function collect(): { values: UserSettings; errors: Errors } {
    const form = latest.current;
    const errs: Errors = {};
    const values: UserSettings = {};
    if (!locked('listUrls')) {
      const r = checkLines(form.listUrls, checkListUrl, LIMITS.listUrls, locale);
      if (r.errors.length) errs.listUrls = r.errors;
      values.listUrls = r.values;
    }
    if (!locked('listPublicKeys')) {
      const r = checkLines(form.listPublicKeys, checkPublicKey, LIMITS.listPublicKeys, locale);
      if (r.errors.length) errs.listPublicKeys = r.errors;
      values.listPublicKeys = r.values;
    }
    if (!locked('syncIntervalMinutes')) {
      const c = checkSyncInterval(form.syncIntervalMinutes.trim());
      if (c.ok) values.syncIntervalMinutes = c.value;
      else errs.syncIntervalMinutes = [t(c.problem, locale)];
    }
    if (!locked('mode')) values.mode = form.mode;
    if (!locked('actionModes')) {
      const am: Partial<Record<Action, Mode>> = {};
      for (const a of ACTIONS) if (form.actionModes[a]) am[a] = form.actionModes[a] as Mode;
      values.actionModes = am;
    }
    if (!locked('sites')) {
      values.sites = PLATFORMS.filter((p) =>
        GUARDED_SITES.includes(p) ? form.sites.includes(p) : config.sites.includes(p),
      );
    }
    if (!locked('locale')) values.locale = form.locale;
    if (!locked('employeeStatus')) values.employeeStatus = form.employeeStatus;
    // The same rules as managed policy, as a last check on everything at once.
    for (const note of validatePolicy(values).notes) {
      const k = note.key as UserSettingKey;
      if (!errs[k]) errs[k] = [note[locale]];
    }
    return { values, errors: errs };
  }

  function onSubmit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const { values, errors: errs } = collect();
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      setStatus({ kind: 'error', text: [OPTIONS.notSaved] });
      return;
    }
    // Origins of list URLs the user adds that no host permission covers yet.
    const added = (values.listUrls ?? []).filter((u) => !config.listUrls.includes(u));
    const origins = [...new Set(added.map(originOf).filter((o): o is string => !!o))].filter(
      (o) => !originCovered(o, granted),
    );
    const permission = origins.length ? requestOrigins(origins) : Promise.resolve(true);
    void save(values, permission, origins);
  }

  async function save(values: UserSettings, permission: Promise<boolean>, origins: string[]) {
    setBusy(true);
    setStatus(undefined);
    const baseline = effectiveConfig(policy, {});
    const next: UserSettings = { ...user };
    for (const k of editable) {
      const v = values[k];
      if (v === undefined || same(v, baseline[k])) delete next[k];
      else (next as Record<string, unknown>)[k] = v;
    }
    const granted = await permission;
    try {
      await browser.storage.local.set({ [KEYS.user]: next });
      setStatus({ kind: granted ? 'ok' : 'info', text: granted ? [OPTIONS.saved] : [OPTIONS.saved, corsNote(origins)] });
    } catch {
      setStatus({ kind: 'error', text: [OPTIONS.saveFailed] });
    } finally {
      setBusy(false);
    }
  }

  const lockNote = (k: UserSettingKey) =>
    locked(k) ? (
      <p class="jn-lock" id={`jn-${k}-lock`} data-locked={k}>
        {t(OPTIONS.setByOrg, locale)}
      </p>
    ) : fromPolicy(k) ? (
      <p class="jn-small" id={`jn-${k}-lock`}>
        {t(OPTIONS.orgDefault, locale)}
      </p>
    ) : null;
  const described = (k: UserSettingKey, help = false) =>
    [help && `jn-${k}-help`, (locked(k) || fromPolicy(k)) && `jn-${k}-lock`, errors[k] && `jn-${k}-error`]
      .filter(Boolean)
      .join(' ') || undefined;
  const errorOf = (k: UserSettingKey) =>
    errors[k] ? (
      <div class="jn-field-error" id={`jn-${k}-error`} role="alert" data-error={k}>
        {errors[k]!.map((m, i) => (
          <p key={i}>{m}</p>
        ))}
      </div>
    ) : null;

  return (
    <form class="jn-card jn-form" onSubmit={onSubmit} noValidate aria-labelledby="jn-settings">
      <h2 id="jn-settings">{t(OPTIONS.settingsTitle, locale)}</h2>

      <div class="jn-field" data-field="listUrls">
        <label for="jn-listUrls">{t(OPTIONS.listUrls, locale)}</label>
        <p class="jn-small" id="jn-listUrls-help">
          {t(OPTIONS.listUrlsHelp, locale)}
        </p>
        <textarea
          id="jn-listUrls"
          name="listUrls"
          rows={3}
          spellcheck={false}
          value={form.listUrls}
          disabled={locked('listUrls')}
          aria-invalid={errors.listUrls ? true : undefined}
          aria-describedby={described('listUrls', true)}
          onInput={(e) => set('listUrls', e.currentTarget.value)}
        />
        {lockNote('listUrls')}
        {errorOf('listUrls')}
      </div>

      <div class="jn-field" data-field="listPublicKeys">
        <label for="jn-listPublicKeys">{t(OPTIONS.listPublicKeys, locale)}</label>
        <p class="jn-small" id="jn-listPublicKeys-help">
          {t(OPTIONS.listPublicKeysHelp, locale)}
        </p>
        <textarea
          id="jn-listPublicKeys"
          name="listPublicKeys"
          rows={2}
          spellcheck={false}
          value={form.listPublicKeys}
          disabled={locked('listPublicKeys')}
          aria-invalid={errors.listPublicKeys ? true : undefined}
          aria-describedby={described('listPublicKeys', true)}
          onInput={(e) => set('listPublicKeys', e.currentTarget.value)}
        />
        {lockNote('listPublicKeys')}
        {errorOf('listPublicKeys')}
      </div>

      <div class="jn-field" data-field="syncIntervalMinutes">
        <label for="jn-syncIntervalMinutes">{t(OPTIONS.syncInterval, locale)}</label>
        <input
          id="jn-syncIntervalMinutes"
          name="syncIntervalMinutes"
          type="number"
          inputMode="numeric"
          min={LIMITS.syncMin}
          max={LIMITS.syncMax}
          step={1}
          value={form.syncIntervalMinutes}
          disabled={locked('syncIntervalMinutes')}
          aria-invalid={errors.syncIntervalMinutes ? true : undefined}
          aria-describedby={described('syncIntervalMinutes')}
          onInput={(e) => set('syncIntervalMinutes', e.currentTarget.value)}
        />
        {lockNote('syncIntervalMinutes')}
        {errorOf('syncIntervalMinutes')}
      </div>

      <fieldset class="jn-field" data-field="mode" disabled={locked('mode')} aria-describedby={described('mode')}>
        <legend>{t(OPTIONS.mode, locale)}</legend>
        {MODES.map((m) => {
          const blocked = m === 'off' && config.locked && !locked('mode');
          return (
            <label key={m} class="jn-choice">
              <input
                type="radio"
                name="mode"
                value={m}
                checked={form.mode === m}
                disabled={blocked}
                onChange={() => set('mode', m)}
              />{' '}
              {t(MODE_LABELS[m], locale)}
            </label>
          );
        })}
        {config.locked && !locked('mode') && <p class="jn-small">{t(OPTIONS.cannotTurnOff, locale)}</p>}
        {lockNote('mode')}
      </fieldset>

      <fieldset
        class="jn-field"
        data-field="actionModes"
        disabled={locked('actionModes')}
        aria-describedby={described('actionModes')}
      >
        <legend>{t(OPTIONS.actionModes, locale)}</legend>
        {ACTIONS.map((a) => (
          <div key={a} class="jn-row">
            <label for={`jn-actionModes-${a}`}>{t(ACTION_NOUNS[a], locale)}</label>
            <select
              id={`jn-actionModes-${a}`}
              name={`actionModes.${a}`}
              value={form.actionModes[a]}
              onChange={(e) =>
                set('actionModes', { ...latest.current.actionModes, [a]: e.currentTarget.value as Mode | '' })
              }
            >
              <option value="">{t(OPTIONS.followMain, locale)}</option>
              {MODES.map((m) => (
                <option key={m} value={m} disabled={m === 'off' && config.locked && !locked('actionModes')}>
                  {t(MODE_LABELS[m], locale)}
                </option>
              ))}
            </select>
          </div>
        ))}
        {lockNote('actionModes')}
        {errorOf('actionModes')}
      </fieldset>

      <fieldset class="jn-field" data-field="sites" disabled={locked('sites')} aria-describedby={described('sites')}>
        <legend>{t(OPTIONS.sites, locale)}</legend>
        {GUARDED_SITES.map((s) => (
          <label key={s} class="jn-choice">
            <input
              type="checkbox"
              name="sites"
              value={s}
              checked={form.sites.includes(s)}
              onChange={(e) =>
                set(
                  'sites',
                  e.currentTarget.checked
                    ? [...latest.current.sites, s]
                    : latest.current.sites.filter((x) => x !== s),
                )
              }
            />{' '}
            {SITE_LABELS[s]}
          </label>
        ))}
        {lockNote('sites')}
        {errorOf('sites')}
      </fieldset>

      <div class="jn-field" data-field="locale">
        <label for="jn-locale">{t(OPTIONS.locale, locale)}</label>
        <select
          id="jn-locale"
          name="locale"
          value={form.locale}
          disabled={locked('locale')}
          aria-describedby={described('locale')}
          onChange={(e) => set('locale', e.currentTarget.value as LocaleSetting)}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(l === 'id' ? OPTIONS.localeId : l === 'en' ? OPTIONS.localeEn : OPTIONS.localeAuto, locale)}
            </option>
          ))}
        </select>
        {lockNote('locale')}
        {errorOf('locale')}
      </div>

      <div class="jn-field" data-field="employeeStatus">
        <label for="jn-employeeStatus">{t(OPTIONS.employeeStatus, locale)}</label>
        <select
          id="jn-employeeStatus"
          name="employeeStatus"
          value={form.employeeStatus}
          disabled={locked('employeeStatus')}
          aria-describedby={described('employeeStatus', true)}
          onChange={(e) => set('employeeStatus', e.currentTarget.value as EmployeeStatusSetting)}
        >
          {EMPLOYEE_STATUS_SETTINGS.map((s) => (
            <option key={s} value={s}>
              {t(EMPLOYEE_STATUS_LABELS[s], locale)}
            </option>
          ))}
        </select>
        <p class="jn-small" id="jn-employeeStatus-help">
          {t(OPTIONS.employeeStatusHelp, locale)}
        </p>
        {lockNote('employeeStatus')}
        {errorOf('employeeStatus')}
      </div>

      <div class="jn-actions">
        <button type="submit" disabled={busy || editable.length === 0} aria-busy={busy} data-action="save">
          {busy ? t(OPTIONS.saving, locale) : t(OPTIONS.save, locale)}
        </button>
        <div
          class={status ? `jn-status jn-status-${status.kind}` : 'jn-status'}
          role="status"
          aria-live="polite"
          data-status="save"
        >
          {status?.text.map((b, i) => (
            <p key={i}>{t(b, locale)}</p>
          ))}
        </div>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------

function Sources({ sources, locale, reload }: { sources: SourceStatus[]; locale: Locale; reload: () => Promise<void> }) {
  const problems = (s: SourceStatus) => sourceProblem(s, locale);
  return (
    <section class="jn-card" aria-labelledby="jn-sources">
      <h2 id="jn-sources">{t(OPTIONS.sourcesTitle, locale)}</h2>
      {sources.length === 0 ? (
        <p class="jn-muted">{t(OPTIONS.noSources, locale)}</p>
      ) : (
        <div class="jn-table-wrap">
          <table data-status="sources">
            <thead>
              <tr>
                <th scope="col">{t(OPTIONS.source, locale)}</th>
                <th scope="col">{t(OPTIONS.version, locale)}</th>
                <th scope="col">{t(OPTIONS.entries, locale)}</th>
                <th scope="col">{t(OPTIONS.syncedAt, locale)}</th>
                <th scope="col">{t(OPTIONS.checkedAt, locale)}</th>
                <th scope="col">{t(OPTIONS.status, locale)}</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.url} data-source={s.url}>
                  <th scope="row" class="jn-url">
                    {s.url === DEMO_SOURCE ? (
                      <span>
                        {t(PAGE.demoList, locale)} <code>{s.url}</code>
                      </span>
                    ) : (
                      <code>{s.url}</code>
                    )}
                    {s.issuer && <span class="jn-small"> · {s.issuer}</span>}
                  </th>
                  <td>{s.version ?? '—'}</td>
                  <td>{s.entries ?? '—'}</td>
                  <td>{formatTime(s.syncedAt, locale) ?? t(PAGE.never, locale)}</td>
                  <td>{formatTime(s.checkedAt, locale) ?? '—'}</td>
                  <td class={problems(s).length ? 'jn-bad' : 'jn-good'}>
                    {problems(s).length
                      ? problems(s).map((m, k) => (
                          <Fragment key={k}>
                            {k > 0 && ' '}
                            {k > 0 && <br />}
                            {m}
                          </Fragment>
                        ))
                      : t(OPTIONS.ok, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SyncButton locale={locale} onDone={reload} />
    </section>
  );
}

/**
 * Button recognition per site, and the organisation's hooks updates: the URLs and keys in
 * force (read-only: policy only) and each source's state. Text nodes only.
 */
function SiteHooks({ data, config, locale }: { data: PageData; config: EffectiveConfig; locale: Locale }) {
  const keysFromLists = !config.policyKeys.includes('hooksPublicKeys');
  const byUrl = new Map(data.hooksSources.map((s) => [s.url, s]));
  return (
    <section class="jn-card" aria-labelledby="jn-hooks">
      <h2 id="jn-hooks">{t(PAGE.hooksTitle, locale)}</h2>
      <HooksLines
        config={config}
        health={data.health}
        hooksInForce={data.hooksInForce}
        hooksSources={data.hooksSources}
        locale={locale}
      />
      <h3 id="jn-hooks-policy">{t(OPTIONS.hooksPolicyTitle, locale)}</h3>
      <p class="jn-small">{t(OPTIONS.hooksPolicyIntro, locale)}</p>
      <dl class="jn-facts" data-status="hooks-policy">
        <dt>{t(OPTIONS.hooksUrls, locale)}</dt>
        <dd data-policy="hooksUrls">
          {config.hooksUrls.length === 0 ? (
            <span class="jn-muted">{t(OPTIONS.noHooksUrls, locale)}</span>
          ) : (
            <ul class="jn-plain">
              {config.hooksUrls.map((u) => {
                const st = byUrl.get(u);
                const problem = st ? hooksSourceProblem(st, locale) : '';
                return (
                  <li key={u} data-source={u}>
                    <code>{u}</code>
                    {st?.hooksVersion !== undefined && (
                      <span class="jn-small">
                        {' '}
                        · {t(OPTIONS.version, locale)} {st.hooksVersion}
                        {st.sites?.length ? ` · ${t(OPTIONS.hooksSites, locale)}: ${st.sites.map((x) => SITE_LABELS[x] ?? x).join(', ')}` : ''}
                        {` · ${t(OPTIONS.checkedAt, locale)}: ${formatTime(st.checkedAt, locale) ?? '—'}`}
                      </span>
                    )}
                    {problem ? <p class="jn-bad">{problem}</p> : st?.hooksVersion !== undefined ? <span class="jn-good"> · {t(OPTIONS.ok, locale)}</span> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
        <dt>{t(OPTIONS.hooksPublicKeys, locale)}</dt>
        <dd data-policy="hooksPublicKeys">
          {config.hooksPublicKeys.length === 0 ? (
            <span class="jn-muted">—</span>
          ) : (
            <ul class="jn-plain">
              {config.hooksPublicKeys.map((k) => (
                <li key={k}>
                  <code>{k}</code>
                </li>
              ))}
            </ul>
          )}
          {keysFromLists && config.hooksPublicKeys.length > 0 && <p class="jn-small">{t(OPTIONS.hooksKeysFromLists, locale)}</p>}
        </dd>
      </dl>
    </section>
  );
}

function History({
  events,
  reporting,
  locale,
  reload,
}: {
  events: GuardEvent[];
  reporting: boolean;
  locale: Locale;
  reload: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Bilingual>();

  async function clear() {
    setBusy(true);
    setMessage(undefined);
    try {
      await sendMessage('events.clear', {});
      setMessage(OPTIONS.cleared);
    } catch {
      setMessage(OPTIONS.clearFailed);
    } finally {
      setBusy(false);
      await reload();
    }
  }

  return (
    <section class="jn-card" aria-labelledby="jn-history">
      <h2 id="jn-history">{t(OPTIONS.historyTitle, locale)}</h2>
      <p class="jn-small">{t(reporting ? OPTIONS.historyIntroReporting : OPTIONS.historyIntro, locale)}</p>
      {events.length === 0 ? (
        <p class="jn-muted">{t(PAGE.noEvents, locale)}</p>
      ) : (
        <div class="jn-table-wrap">
          <table data-status="events">
            <thead>
              <tr>
                <th scope="col">{t(OPTIONS.time, locale)}</th>
                <th scope="col">{t(OPTIONS.site, locale)}</th>
                <th scope="col">{t(OPTIONS.action, locale)}</th>
                <th scope="col">{t(OPTIONS.account, locale)}</th>
                <th scope="col">{t(OPTIONS.outcome, locale)}</th>
                <th scope="col">{t(OPTIONS.reason, locale)}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td>
                    <time dateTime={new Date(e.at).toISOString()}>{formatTime(e.at, locale)}</time>
                  </td>
                  <td>{SITE_LABELS[e.site] ?? e.site}</td>
                  <td>{ACTION_NOUNS[e.action] ? t(ACTION_NOUNS[e.action], locale) : e.action}</td>
                  <td>
                    {e.name} <code class="jn-small">{e.entryId}</code>
                  </td>
                  <td>{OUTCOME_LABELS[e.outcome] ? t(OUTCOME_LABELS[e.outcome], locale) : e.outcome}</td>
                  <td>{e.justification ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="jn-actions">
        <button type="button" onClick={clear} disabled={busy || events.length === 0} aria-busy={busy} data-action="clear-events">
          {busy ? t(OPTIONS.clearing, locale) : t(OPTIONS.clearHistory, locale)}
        </button>
        <span role="status" aria-live="polite">
          {message ? t(message, locale) : ''}
        </span>
      </div>
    </section>
  );
}

function Privacy({
  config,
  report,
  dropped,
  locale,
}: {
  config: EffectiveConfig;
  report: ReportState | undefined;
  dropped: number;
  locale: Locale;
}) {
  return (
    <section class="jn-card" aria-labelledby="jn-privacy">
      <h2 id="jn-privacy">{t(PAGE.privacyTitle, locale)}</h2>
      <p>
        {config.reportUrl
          ? t(privacyListsAndReports(config.organization?.name, hostOf(config.reportUrl)), locale)
          : t(OPTIONS.privacyLists, locale)}
      </p>
      <ReportingLines config={config} report={report} dropped={dropped} locale={locale} off={OPTIONS.privacyNoReport} />
    </section>
  );
}
