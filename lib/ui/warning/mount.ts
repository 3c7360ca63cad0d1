/**
 * Mounts the warning in the page: `<jaga-netral-warning>` on <html> (outside the site's
 * <body>, which sites re-render), an open shadow root (INTERFACES §4: QA scripts reach in),
 * our CSS as a <style> element's textContent, and the Preact dialog.
 *
 * Isolation: events from inside the dialog stop at the shadow root, so the site's hotkeys
 * (X's `l` = like) and click handlers never see them. Only one warning exists at a time.
 */
import { h, render } from 'preact';
import { Warning, type UserChoice, type WarningProps } from './Warning';
import { WARNING_CSS } from './styles';

export const WARNING_TAG = 'jaga-netral-warning';

/** What the warning shows (WarningProps' content), and how it is mounted. */
export interface WarningOptions extends Omit<WarningProps, 'isTrusted' | 'proceedDelayMs' | 'onDecision'> {
  /** Where focus goes back to on close, if still in the document. */
  returnFocusTo?: Element | null;
  /** Which events count as the user's own for "proceed". Default `e => e.isTrusted`; tests inject. */
  isTrusted?: (e: Event) => boolean;
  /**
   * Proceed stays disabled this long after opening, so the second click of a double click
   * on the site's button cannot land on it. Default 500 ms with the default `isTrusted`, 0
   * when `isTrusted` is injected (unit tests). Playwright waits for the button to be enabled.
   */
  proceedDelayMs?: number;
}

export type WarningResult = UserChoice;

export interface WarningHandle {
  result: Promise<WarningResult>;
  /** Closes the warning; an undecided warning resolves as cancel. */
  close(): void;
  host: HTMLElement;
}

/** Events that must not leave the dialog (keys, text input, pointer, focus, clipboard). */
const ISOLATED_EVENTS = [
  'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'select',
  'compositionstart', 'compositionupdate', 'compositionend', 'paste', 'copy', 'cut',
  'click', 'dblclick', 'auxclick', 'contextmenu',
  'mousedown', 'mouseup', 'mousemove', 'mouseover', 'mouseout',
  'pointerdown', 'pointerup', 'pointermove', 'pointerover', 'pointerout', 'pointercancel',
  'touchstart', 'touchmove', 'touchend', 'touchcancel', 'wheel',
  'focusin', 'focusout',
] as const;

const DEFAULT_PROCEED_DELAY_MS = 500;

const defaultIsTrusted = (e: Event): boolean => e.isTrusted === true;

/**
 * Runs the dialog's code once, off screen, so the first real warning on a page does not pay
 * for compiling it (the first click measured 30–50 ms slower than later ones). Renders into
 * a detached element: no DOM of the page is touched, nothing is shown.
 */
export function prewarmWarning(sample: Omit<WarningOptions, 'returnFocusTo' | 'isTrusted'>): void {
  const container = document.createElement('div');
  render(h(Warning, { ...sample, organization: sample.organization ?? {}, isTrusted: () => false, proceedDelayMs: 0, onDecision: () => {} }), container);
  render(null, container);
}

export function openWarning(opts: WarningOptions): WarningHandle {
  const doc = document;
  // One warning at a time: a second one cancels the first. Its own observer sees its host
  // go and resolves it as cancel (no module-level record of the open warning is needed).
  for (const old of doc.querySelectorAll(WARNING_TAG)) old.remove();

  const host = doc.createElement(WARNING_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = WARNING_CSS;
  // Preact owns this container only; rendering straight into the shadow root would make
  // Preact treat our <style> as stale DOM and remove it.
  const container = doc.createElement('div');
  shadow.append(style, container);

  const stop = (e: Event) => e.stopPropagation();
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, stop, { passive: true });

  let resolve!: (r: WarningResult) => void;
  const result = new Promise<WarningResult>((r) => (resolve = r));
  let closed = false;

  // The page behind is inert while the warning is open: no focus, no clicks, hidden from
  // assistive technology (aria-modal alone is not honoured everywhere). Our host is a
  // child of <html>, not <body>, so it stays live. Restored exactly as found.
  // Set one frame later: `inert` restyles the whole page, and done before the Cancel button
  // takes focus it made that focus() recalculate every element of a busy feed first
  // (10–30 ms in Chromium, measured 2026-11-22). Until then the full-screen backdrop
  // already takes every pointer event, and focus is on Cancel.
  const body = doc.body as (HTMLElement & { inert?: boolean }) | null;
  let madeInert = false;
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (closed || !body || body.inert === true) return;
      body.inert = true;
      madeInert = true;
    }, 0),
  );

  // If the site removes our host (some re-render <html>), the action must not stay pending.
  const observer = new MutationObserver(() => {
    if (!host.isConnected) finish({ decision: 'cancel' });
  });

  function finish(r: WarningResult): void {
    if (closed) return;
    closed = true;
    observer.disconnect();
    try {
      render(null, container);
    } finally {
      host.remove();
      if (madeInert && body) body.inert = false;
    }
    const back = opts.returnFocusTo as (Element & { focus?: (o?: FocusOptions) => void }) | null | undefined;
    if (back && back.isConnected && typeof back.focus === 'function') back.focus({ preventScroll: true });
    resolve(r);
  }

  const dismiss = () => finish({ decision: 'cancel' });

  const isTrusted = opts.isTrusted ?? defaultIsTrusted;
  const proceedDelayMs = opts.proceedDelayMs ?? (opts.isTrusted ? 0 : DEFAULT_PROCEED_DELAY_MS);

  doc.documentElement.append(host);
  observer.observe(doc.documentElement, { childList: true });

  render(
    h(Warning, {
      action: opts.action,
      match: opts.match,
      shownAs: opts.shownAs,
      relation: opts.relation,
      mode: opts.mode,
      law: opts.law,
      priorWarnings: opts.priorWarnings,
      organization: opts.organization ?? {},
      locale: opts.locale,
      isTrusted,
      proceedDelayMs,
      onDecision: finish,
    }),
    container,
  );

  return { result, close: dismiss, host };
}
