/**
 * The warning dialog (INTERFACES §4). Everything the page or the list supplies (names,
 * handles, clause texts, organisation fields) is rendered as text by Preact; nothing here
 * builds markup from strings.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Action, Locale, Match } from '../../model';
import { ROLE_LABELS, SITE_LABELS, type Bilingual } from '../../i18n/common';
import {
  CITATION_LABELS,
  CONFIDENCE_LABELS,
  RELATION_NOTES,
  SOURCE_LABELS,
  STATUS_NAMES,
  WARNING_TEXT as T,
  appliesToLabel,
  electionLabel,
  headline,
  leadSentences,
  repeatLine,
  type Relation,
} from '../../i18n/warning';
import { isHedgedRole, type Clause, type WarningLaw } from '../../clauses';
import { DEMO_SOURCE } from '../../list/demo';
import type { Organization } from '../../policy/types';

export type WarningMode = 'warn' | 'justify' | 'block';
export type { Relation };

export interface UserChoice {
  decision: 'cancel' | 'proceed';
  justification?: string;
}

export interface WarningProps {
  action: Action;
  match: Match;
  shownAs: string;
  relation?: Relation;
  mode: WarningMode;
  /** What to cite, for whom (lib/clauses `lawFor`). */
  law: WarningLaw;
  /** Earlier warnings about this account in the last 7 days (0 = this is the first). */
  priorWarnings?: number;
  organization: Organization;
  locale: Locale;
  /** Proceed counts only for events this accepts (real user input). */
  isTrusted: (e: Event) => boolean;
  /** Proceed stays disabled this long after opening (a double click must not go through). */
  proceedDelayMs: number;
  onDecision: (d: UserChoice) => void;
}

/** Only http(s) links are rendered; anything else (javascript:, data:, relative) is dropped. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const FOCUSABLE = 'button, [href], textarea, input, select, summary, [tabindex]';

/** The dialog's tab stops in DOM order: enabled, and not hidden inside a closed <details>. */
function tabStops(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => {
    if ((el as HTMLButtonElement).disabled) return false;
    if (el.getAttribute('tabindex') === '-1') return false;
    // A closed <details> shows only its own <summary>; anything deeper is hidden, at any depth.
    const from = el.tagName === 'SUMMARY' ? el.parentElement?.parentElement : el.parentElement;
    return !from?.closest('details:not([open])');
  });
}

/** A list's source as a person reads it: the bundled sample list by name, else the host. */
function sourceLabel(source: string, locale: Locale): string {
  if (source === DEMO_SOURCE) return T.demoList[locale];
  try {
    return new URL(source).host || source;
  } catch {
    return source;
  }
}

function normHandle(s: string): string {
  return s.trim().replace(/^@/, '').toLowerCase();
}

export function Warning(props: WarningProps) {
  const { action, match, shownAs, mode, law, organization, isTrusted, onDecision } = props;
  const [locale, setLocale] = useState<Locale>(props.locale);
  const [reason, setReason] = useState('');
  const [armed, setArmed] = useState(props.proceedDelayMs <= 0);
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const backdropDown = useRef(false);
  const decided = useRef(false);

  const L = (b: Bilingual) => b[locale];
  const relation: Relation = props.relation ?? (action === 'follow' ? 'profile' : 'author');
  const subject = match.subject;

  // Layout effect: runs synchronously when the dialog is first rendered, so Cancel has
  // focus before any key the user types next.
  useLayoutEffect(() => {
    cancelRef.current?.focus();
  }, []);

  useEffect(() => {
    if (armed) return;
    const timer = setTimeout(() => setArmed(true), props.proceedDelayMs);
    return () => clearTimeout(timer);
  }, []);

  const decide = (d: UserChoice) => {
    if (decided.current) return;
    decided.current = true;
    onDecision(d);
  };
  const cancel = () => decide({ decision: 'cancel' });

  const proceed = (e: Event) => {
    // A page script can call .click() or dispatch keys on our button; only real input counts.
    if (mode === 'block' || !armed || !isTrusted(e)) return;
    if (mode === 'justify') {
      const text = (reasonRef.current?.value ?? reason).trim();
      if (!text) return;
      decide({ decision: 'proceed', justification: text });
      return;
    }
    decide({ decision: 'proceed' });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.isComposing) {
      e.preventDefault();
      cancel();
      return;
    }
    if (e.key !== 'Tab') return;
    // Focus trap, done by hand for every Tab so the order is the same in every browser.
    const root = dialogRef.current;
    if (!root) return;
    e.preventDefault();
    const stops = tabStops(root);
    if (stops.length === 0) return;
    const active = (root.getRootNode() as ShadowRoot | Document).activeElement as HTMLElement | null;
    const i = active ? stops.indexOf(active) : -1;
    const next = e.shiftKey
      ? stops[i <= 0 ? stops.length - 1 : i - 1]
      : stops[i === -1 || i === stops.length - 1 ? 0 : i + 1];
    next.focus();
  };

  // The backdrop cancels (never proceeds), but only for a press that started on it, so
  // selecting text in the dialog and releasing outside does not close it.
  const onBackdropPointerDown = (e: PointerEvent) => {
    backdropDown.current = e.target === e.currentTarget;
  };
  const onBackdropClick = (e: MouseEvent) => {
    if (e.target === e.currentTarget && backdropDown.current) cancel();
    backdropDown.current = false;
  };

  const other: Locale = locale === 'id' ? 'en' : 'id';
  const prior = Math.max(0, Math.floor(props.priorWarnings ?? 0));
  // A low-confidence first clause may only be presented as "dapat dianggap" too.
  const hedged = law.hedged || law.clauses[0]?.confidence === 'L';
  const title = headline({ action, relation, name: subject.name, role: subject.role, variant: prior, locale });
  const lead = leadSentences({
    action,
    relation,
    name: subject.name,
    role: subject.role,
    election: subject.election,
    statuses: law.statuses,
    consequences: law.sanctions.map((s) => L(s.plain)),
    hedged,
    locale,
  });
  // Said only when it adds something: not the listed key again, nor the listed name.
  const showShownAs =
    shownAs.trim() !== '' && normHandle(shownAs) !== normHandle(match.key) && shownAs.trim().toLowerCase() !== subject.name.trim().toLowerCase();
  const relationNote = RELATION_NOTES[relation];
  const details: string[] = [];
  if (subject.role) details.push(L(ROLE_LABELS[subject.role]));
  if (subject.election) details.push(`${L(T.election)}: ${electionLabel(subject.election)}`);
  if (subject.party) details.push(`${L(T.party)}: ${subject.party}`);
  if (subject.region) details.push(`${L(T.region)}: ${subject.region}`);

  const helpUrl = safeHttpUrl(organization.helpUrl);
  const orgName = organization.name?.trim();
  const contact = organization.contact?.trim();
  const proceedDisabled = !armed || (mode === 'justify' && reason.trim() === '');
  const single = law.statuses.length === 1;
  const hedgedWho = subject.role ? L(ROLE_LABELS[subject.role]).toLowerCase() : L(T.hedgedWhoUnknown);

  return (
    <div class="backdrop" onPointerDown={onBackdropPointerDown} onClick={onBackdropClick}>
      <div
        ref={dialogRef}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="jn-title"
        aria-describedby="jn-lead"
        lang={locale}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-variant={String(prior % 3)}
      >
        {/* The point first, in plain words, then the decision; the law follows below. */}
        <div class="head">
          <div class="top">
            <p class="brand">{L(T.brand)}</p>
            <button
              type="button"
              class="lang"
              data-action="toggle-language"
              lang={other}
              aria-label={L(T.switchLanguageLabel)}
              onClick={() => setLocale(other)}
            >
              {L(T.switchLanguage)}
            </button>
          </div>

          <h2 id="jn-title">{title}</h2>
          <p id="jn-lead" class="lead">
            {lead}
          </p>
          {prior >= 1 && (
            <p class="repeat" data-repeat={String(prior + 1)}>
              {repeatLine(prior + 1, locale)}
            </p>
          )}

          <div class="account" data-account="">
            <p class="name">{subject.name}</p>
            <p class="meta">
              <strong>{match.key}</strong> {L(T.accountOn)} {SITE_LABELS[match.platform]}
              {showShownAs ? ` (${L(T.shownAs)} “${shownAs}”)` : ''}
            </p>
            {relationNote && <p class="small">{L(relationNote)}</p>}
            {details.length > 0 && <p class="meta">{details.join(' · ')}</p>}
          </div>
        </div>

        <div class="foot">
          {mode === 'block' && <p class="blocked">{L(T.blocked)}</p>}
          {mode === 'justify' && (
            <>
              <label for="jn-justification">{L(T.justificationLabel)}</label>
              <p id="jn-justification-hint" class="hint">
                {L(T.justificationHint)}
              </p>
              <textarea
                ref={reasonRef}
                id="jn-justification"
                data-field="justification"
                required
                aria-required="true"
                aria-describedby="jn-justification-hint"
                maxLength={2000}
                rows={3}
                value={reason}
                onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
              />
            </>
          )}

          <div class="actions">
            <button ref={cancelRef} type="button" class="primary" data-action="cancel" onClick={cancel}>
              {L(mode === 'block' ? T.cancelBlocked : T.cancel)}
            </button>
            {mode !== 'block' && (
              <button
                type="button"
                class="secondary"
                data-action="proceed"
                disabled={proceedDisabled}
                onClick={(e) => proceed(e)}
              >
                {L(T.proceed)}
              </button>
            )}
          </div>
        </div>

        {/* Only this part scrolls: the point and the buttons stay in view at any zoom. */}
        <div class="body">
          {law.clauses.length > 0 && (
            <section aria-labelledby="jn-law">
              <h3 id="jn-law">{L(hedged ? T.rulesHeadingHedged : T.rulesHeading)}</h3>
              {law.clauses.map((c) => (
                <ClauseView
                  key={c.id}
                  clause={c}
                  locale={locale}
                  hedgedWho={isHedgedRole(subject.role) && c.id === 'skb-2022-medsos' ? hedgedWho : undefined}
                />
              ))}
            </section>
          )}

          <section class="sanction" aria-labelledby="jn-sanction">
            <h3 id="jn-sanction">{L(T.sanctionHeading)}</h3>
            {law.sanctions.map((s) => (
              <p key={s.status} data-sanction={s.status}>
                {single ? null : <strong>{L(STATUS_NAMES[s.status])}: </strong>}
                {L(s.wording)}{' '}
                <span class="cite">
                  ({L(T.sanctionBasis)}: {s.basis.map((c) => citation(c, locale)).join('; ')})
                </span>
              </p>
            ))}
          </section>

          {(orgName || helpUrl) && (
            <div class="org">
              {orgName && (
                <p>
                  {L(T.organization)}: {orgName}
                </p>
              )}
              {helpUrl && (
                <p>
                  <a href={helpUrl} target="_blank" rel="noopener noreferrer">
                    {L(T.helpLink)} <span class="small">{L(T.opensInNewTab)}</span>
                  </a>
                </p>
              )}
            </div>
          )}

          <p class="decision">
            {L(mode === 'block' ? T.blockedDecision : T.yourDecision)} {L(T.reportIntro)}{' '}
            {contact || L(T.reportFallback)}.
          </p>

          <details class="full-basis" data-section="full-basis">
            <summary>{L(T.fullBasis)}</summary>
            <p class="provenance">{L(T.fullBasisIntro)}</p>
            {law.clauses.map((c) => (
              <Provenance key={c.id} clause={c} locale={locale} />
            ))}
            {law.sanctions.map((s) => (
              <div key={s.status} class="sanction-basis">
                <h4>
                  {L(T.sanctionBasis)} — {L(STATUS_NAMES[s.status])}
                </h4>
                {s.basis.map((c) => (
                  <Provenance key={c.id} clause={c} locale={locale} sanction />
                ))}
                {s.caveat && <p class="provenance">{L(s.caveat)}</p>}
              </div>
            ))}
            <h4>{L(T.listDetails)}</h4>
            <p class="provenance">
              {L(T.listSource)}: {sourceLabel(match.listSource, locale)} ({L(T.listVersion)} {match.listVersion})
              {subject.source ? ` · ${L(T.entrySource)}: ${subject.source}` : ''}
            </p>
          </details>
        </div>
      </div>
    </div>
  );
}

/** Whether the clause has an article/item number to cite (circulars quoted whole have none). */
function hasNumber(c: Clause): boolean {
  return c.source !== 'LOCAL' && c.numbered !== false && c.article !== '';
}

/** "PP 94/2021 tentang Disiplin PNS Pasal 8 ayat (4)"; a circular without numbers by its name. */
function citation(c: Clause, locale: Locale): string {
  return hasNumber(c) ? `${c.instrument.short[locale]} ${c.article}` : c.instrument.short[locale];
}

/** A cited clause: instrument, article, whom it binds, and its text (quoted, or marked as a summary). */
function ClauseView({ clause, locale, hedgedWho }: { clause: Clause; locale: Locale; hedgedWho?: string }) {
  const L = (b: Bilingual) => b[locale];
  const isSummary = clause.source === 'PR';
  return (
    <div class="clause" data-clause={clause.id} data-applies-to={clause.appliesTo.join(' ')}>
      <p class="instrument">
        {L(clause.instrument.short)}
        {hasNumber(clause) ? <span class="article"> — {clause.article}</span> : null}
      </p>
      <p class="applies">{appliesToLabel(clause.appliesTo, locale)}</p>
      {/* A low-confidence item may only be presented as "dapat dianggap …". */}
      {clause.confidence === 'L' && <p class="lowconf">{L(T.mayBeTreatedAs)}</p>}
      {clause.intro && <p class="intro">{L(clause.intro)}</p>}
      {isSummary ? (
        <>
          <p class="provenance">{L(T.summaryNotQuote)}</p>
          <p class="summary" lang="id">
            {clause.text}
          </p>
        </>
      ) : (
        <>
          {locale === 'en' && <p class="provenance">{L(T.originalText)}</p>}
          <blockquote lang="id">{clause.text}</blockquote>
        </>
      )}
      {hedgedWho && <p class="note hedged">{L(T.hedgedNote).replace('{who}', hedgedWho)}</p>}
      {clause.precedent && <p class="note precedent">{L(clause.precedent)}</p>}
    </div>
  );
}

/**
 * Where a clause comes from, in plain words: its full title and date, how its text was
 * read, how sure we are of text and numbering. Inside the collapsed "Dasar hukum lengkap".
 */
function Provenance({ clause, locale, sanction }: { clause: Clause; locale: Locale; sanction?: boolean }) {
  const L = (b: Bilingual) => b[locale];
  const attrs = sanction ? { 'data-sanction-basis': clause.id } : { 'data-provenance': clause.id };
  return (
    <div class="provenance-item" {...attrs}>
      <p class="instrument" lang="id">
        {clause.instrument.full}
      </p>
      <p class="provenance">
        {clause.article}
        {clause.instrument.issued ? ` · ${L(T.issuedOn)} ${clause.instrument.issued}` : ''}
      </p>
      {sanction && (
        <>
          {clause.intro && <p class="intro">{L(clause.intro)}</p>}
          <blockquote lang="id">{clause.text}</blockquote>
        </>
      )}
      {clause.note && <p class="note">{L(clause.note)}</p>}
      <p class="provenance">
        {L(SOURCE_LABELS[clause.source])}
        {clause.source !== 'LOCAL' ? ` ${L(CONFIDENCE_LABELS[clause.confidence])}` : ''}
        {clause.citationConfidence ? ` ${L(CITATION_LABELS[clause.citationConfidence])}` : ''}
      </p>
    </div>
  );
}
