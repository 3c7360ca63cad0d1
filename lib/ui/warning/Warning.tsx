/**
 * The warning dialog (INTERFACES §4). Everything the page or the list supplies (names,
 * handles, clause texts, organisation fields) is rendered as text by Preact; nothing here
 * builds markup from strings.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Action, Locale, Match } from '../../model';
import { ACTION_LABELS, ROLE_LABELS, SITE_LABELS, type Bilingual } from '../../i18n/common';
import {
  CONFIDENCE_LABELS,
  RELATION_NOTES,
  RELATION_OBJECTS,
  SOURCE_LABELS,
  WARNING_TEXT as T,
  electionLabel,
  type Relation,
} from '../../i18n/warning';
import { SANCTION, type Clause } from '../../clauses';
import { DEMO_SOURCE } from '../../list/demo';
import type { Organization } from '../../policy/types';

export type WarningMode = 'warn' | 'justify' | 'block';
export type { Relation };

export interface Decision {
  decision: 'cancel' | 'proceed';
  justification?: string;
}

export interface WarningProps {
  action: Action;
  match: Match;
  shownAs: string;
  relation?: Relation;
  mode: WarningMode;
  clauses: Clause[];
  organization: Organization;
  locale: Locale;
  /** Proceed counts only for events this accepts (real user input). */
  isTrusted: (e: Event) => boolean;
  /** Proceed stays disabled this long after opening (a double click must not go through). */
  proceedDelayMs: number;
  onDecision: (d: Decision) => void;
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
  const { action, match, shownAs, mode, clauses, organization, isTrusted, onDecision } = props;
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

  const decide = (d: Decision) => {
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
  const title =
    relation === 'original' || relation === 'quoted'
      ? T.titleRepost
      : relation === 'group'
        ? T.titleGroup
        : T.title;
  const showShownAs = shownAs.trim() !== '' && normHandle(shownAs) !== normHandle(match.key);
  const relationNote = RELATION_NOTES[relation];
  const details: string[] = [];
  if (subject.role) details.push(L(ROLE_LABELS[subject.role]));
  if (subject.election) details.push(`${L(T.election)}: ${electionLabel(subject.election)}`);
  if (subject.party) details.push(`${L(T.party)}: ${subject.party}`);
  if (subject.region) details.push(`${L(T.region)}: ${subject.region}`);

  const helpUrl = safeHttpUrl(organization.helpUrl);
  const orgName = organization.name?.trim();
  const contact = organization.contact?.trim();
  const [first, ...rest] = clauses;
  const proceedDisabled = !armed || (mode === 'justify' && reason.trim() === '');

  return (
    <div class="backdrop" onPointerDown={onBackdropPointerDown} onClick={onBackdropClick}>
      <div
        ref={dialogRef}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="jn-title"
        aria-describedby="jn-desc jn-lead"
        lang={locale}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
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

        <h2 id="jn-title">{L(title)}</h2>

        <div id="jn-desc">
          <p>
            {L(T.youAreAbout)} <strong>{L(ACTION_LABELS[action])}</strong> {L(RELATION_OBJECTS[relation])}
          </p>
          <div class="account" data-account="">
            <p class="name">{subject.name}</p>
            <p class="meta">
              <strong>{match.key}</strong> {L(T.accountOn)} {SITE_LABELS[match.platform]}
              {showShownAs ? ` (${L(T.shownAs)} “${shownAs}”)` : ''}
            </p>
            {relationNote && <p class="small">{L(relationNote)}</p>}
            {details.length > 0 && <p class="meta">{details.join(' · ')}</p>}
            <p class="small">
              {L(T.listSource)}: {sourceLabel(match.listSource, locale)} ({L(T.listVersion)} {match.listVersion})
              {subject.source ? ` · ${L(T.entrySource)}: ${subject.source}` : ''}
            </p>
          </div>
        </div>
        </div>

        {/* Only the middle scrolls: the title and the buttons stay in view at any zoom. */}
        <div class="body">
        {first && <p id="jn-lead">{L(first.confidence === 'L' ? T.whyLeadLow : T.whyLead)}</p>}
        {first && (
          <section aria-labelledby="jn-law">
            <h3 id="jn-law">{L(T.legalHeading)}</h3>
            <ClauseView clause={first} locale={locale} />
            {rest.length > 0 && (
              <details>
                <summary>
                  {L(T.moreClauses)} ({rest.length})
                </summary>
                {rest.map((c) => (
                  <ClauseView key={c.id} clause={c} locale={locale} />
                ))}
              </details>
            )}
          </section>
        )}

        <section class="sanction" aria-labelledby="jn-sanction">
          <h3 id="jn-sanction">{L(T.sanctionHeading)}</h3>
          <p>{L(SANCTION.wording)}</p>
          <details>
            <summary>{L(T.sanctionBasis)}</summary>
            {SANCTION.basis.map((c) => (
              <ClauseView key={c.id} clause={c} locale={locale} sanction />
            ))}
            <p class="provenance">{L(SANCTION.trackNote)}</p>
          </details>
        </section>

        {mode === 'block' && <p class="blocked">{L(T.blocked)}</p>}

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
        </div>

        <div class="foot">
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
      </div>
    </div>
  );
}

function ClauseView({ clause, locale, sanction }: { clause: Clause; locale: Locale; sanction?: boolean }) {
  const L = (b: Bilingual) => b[locale];
  const attrs = sanction ? { 'data-sanction-basis': clause.id } : { 'data-clause': clause.id };
  const short = L(clause.instrument.short);
  return (
    <div class="clause" {...attrs}>
      <p class="instrument">{short}</p>
      {clause.instrument.full !== short && (
        <details class="full">
          <summary>{L(T.fullName)}</summary>
          <p lang="id">{clause.instrument.full}</p>
        </details>
      )}
      {clause.article && (
        <p class="article" lang="id">
          {clause.article}
        </p>
      )}
      {/* law.md: a low-confidence item may only be presented as "dapat dianggap …". */}
      {clause.confidence === 'L' && <p class="lowconf">{L(T.mayBeTreatedAs)}</p>}
      {locale === 'en' && <p class="provenance">{L(T.originalText)}</p>}
      <blockquote lang="id">{clause.text}</blockquote>
      {clause.note && <p class="note">{L(clause.note)}</p>}
      <p class="provenance">
        {clause.source === 'LOCAL' ? (
          <>
            {L(T.sourceLabel)}: {L(T.localSource)}
          </>
        ) : (
          <>
            {L(T.sourceLabel)}: <abbr title={L(SOURCE_LABELS[clause.source])}>{clause.source}</abbr> ·{' '}
            {L(T.confidenceLabel)}: {L(CONFIDENCE_LABELS[clause.confidence])}
            {clause.citationConfidence
              ? ` · ${L(T.citationLabel)}: ${L(CONFIDENCE_LABELS[clause.citationConfidence])}`
              : ''}
          </>
        )}
      </p>
    </div>
  );
}
