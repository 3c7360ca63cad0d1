/**
 * The guard's ears: capture-phase listeners on `window`, registered at document_start so
 * they hear every input before the page does. Each input becomes an Intent (resolve.ts),
 * the adapter says what it would do, decide.ts says whether to stop it, show.ts warns.
 *
 * Inputs: mouse, touch and pen presses and clicks; Enter/Space on a focused control; the
 * site's own shortcut keys; a double click or double tap on media where the site likes on
 * it; Enter in a comment box that sends without any Comment button. The decision is
 * synchronous: by the time our listener returns, the page would already have acted.
 *
 * Only a person's input is warned about and recorded. An event a script made (isTrusted
 * false: `likeButton.click()`, a dispatched key or touch) that would commit a guarded action
 * on a listed account is stopped without a word: no dialog (a script could open one at will,
 * and fill the record with warnings the user never saw), no record, and no action either
 * (the site must not act on a script's behalf). Our own replay is the one script input that
 * passes: it is what the user chose in the warning.
 */
import type { Hit } from '../accounts/shard-index';
import type { Resolution } from '../sites/types';
import { targetOf, TYPING } from '../sites/engine/dom';
import { allowed, decide, type GuardDecision } from './decide';
import { resolveIntent, type Intent } from './resolve';
import { ALLOWANCE_MS } from './decide';
import { exactNow, record, showWarning, withSubject, type ShowContext } from './show';

/** The presses that come before a click; stopped on a listed target so the page never sees them. */
const PRESS_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'touchstart', 'touchend'] as const;
/** How far apart (px) two taps may be and still be one double tap. */
const DOUBLE_TAP_PX = 40;
/** How long the rest of a stopped double tap (touchend, click, dblclick) keeps being stopped. */
const SWALLOW_MS = 800;

export interface InputContext extends ShowContext {
  signal: AbortSignal;
  location: Location;
}

function stop(e: Event, preventDefault = true): void {
  if (preventDefault && e.cancelable) e.preventDefault();
  e.stopImmediatePropagation();
}

export function listenForInputs(c: InputContext): void {
  const { state } = c;
  /** The same test the warning's own buttons use (tests in happy-dom inject it). */
  const trusted = c.isTrusted ?? ((e: Event) => e.isTrusted);
  const fromOurUi = (e: Event) => state.open !== null && e.composedPath().includes(state.open.handle.host);
  const resolve = (intent: Intent): Resolution | null => resolveIntent(state.adapter, intent, c.location);

  const remember = (res: Resolution) => {
    if (res.type !== 'menu-commit') state.menu = { identities: res.identities, at: state.now() };
  };

  /**
   * Passes over hits already known not to be the page's key: a subject in memory whose keys
   * lack it (a fingerprint collision), or one `tried` and found so after a read.
   */
  const accept = (tried?: ReadonlySet<string>) => (hit: Hit) => !tried?.has(hit.entryId) && exactNow(state, hit) !== false;

  /** `consume`: a click uses up a pending allowance; the presses before it only look. */
  const decideFor = (res: Resolution, consume: boolean, tried?: ReadonlySet<string>): GuardDecision | null => {
    if (!state.config || !state.index) return null;
    const d = decide(res, state.config, state.index, state.menu, state.now(), accept(tried));
    if (!d) return null;
    if (allowed(d, state.allowance, state.now())) {
      if (consume) state.allowance = null;
      return null;
    }
    return d;
  };

  /**
   * Whether a script's input would commit a guarded action on a listed account: the same
   * decision without the user's allowance (a script never uses up the user's next try).
   */
  const guardedForScript = (res: Resolution): boolean =>
    res.type !== 'menu' && !!state.config && !!state.index && decide(res, state.config, state.index, state.menu, state.now(), accept()) !== null;

  /** A script's input: stopped silently when it would act on a listed account, else left alone. */
  const refuse = (e: Event, res: Resolution | null): boolean => {
    if (!res || !guardedForScript(res)) return false;
    // Touch listeners on window are passive in Chromium: preventDefault would only warn.
    stop(e, !e.type.startsWith('touch'));
    return true;
  };

  /** Stops `e` and warns when `res` is a guarded action on a listed account. */
  const intercept = (e: Event, res: Resolution, replay: (d: GuardDecision) => void): boolean => {
    const d = decideFor(res, true);
    if (!d) return false;
    if (d.mode === 'audit') {
      audit(res, d, new Set());
      return false;
    }
    const handledAt = performance.now();
    stop(e);
    // The decision was synchronous; confirming the full key may need one storage read.
    warn(res, d, new Set(), e.timeStamp, handledAt, replay);
    return true;
  };

  /**
   * The warning for `d` once its key is confirmed. If it was a fingerprint collision, the
   * post's other identities are tried (a stranger's post may quote a real candidate); if none
   * is listed, the stopped action goes ahead once, as Proceed would replay it.
   */
  const warn = (res: Resolution, d: GuardDecision, tried: Set<string>, startedAt: number, handledAt: number, replay: (d: GuardDecision) => void): void => {
    state.pending = d;
    withSubject(
      state,
      d.hit,
      (s) => showWarning(c, d, s, startedAt, handledAt, replay),
      () => {
        tried.add(d.hit.entryId);
        const next = decideFor(res, false, tried);
        if (next && next.mode !== 'audit') return warn(res, next, tried, startedAt, handledAt, replay);
        state.pending = null;
        if (!c.isInvalid() && d.control.isConnected) replay(d);
      },
    );
  };

  /** Audit mode records the action once its key is confirmed; a collision records nothing. */
  const audit = (res: Resolution, d: GuardDecision, tried: Set<string>): void => {
    withSubject(
      state,
      d.hit,
      (s) => record(c, d, s, 'audited'),
      () => {
        tried.add(d.hit.entryId);
        const next = decideFor(res, false, tried);
        if (next?.mode === 'audit') audit(res, next, tried);
      },
    );
  };

  /** Our own replay: the element's events pass once. */
  const replaying = (run: (el: Element) => void) => (el: Element) => {
    state.replaying = el;
    try {
      run(el);
    } finally {
      state.replaying = null;
    }
  };
  const replayClick = replaying((el) => (el as HTMLElement).click());
  /** Sends again what Enter would have sent: editors act on the keydown (they do not check isTrusted). */
  const replayEnter = replaying((el) => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true } as KeyboardEventInit));
  });
  const isReplay = (t: Element) => !!state.replaying && (state.replaying === t || state.replaying.contains(t));

  // -- the rest of a stopped double tap ---------------------------------------------------
  const swallowed = (e: Event, t: Element | null): boolean => {
    const s = state.swallow;
    if (!s || !t) return false;
    if (state.now() > s.until) {
      state.swallow = null;
      return false;
    }
    if (s.target !== t && !s.target.contains(t)) return false;
    // The click of a stopped double tap must not follow the photo's link either (the site's
    // own handler, which would have routed it, never sees it). Touch events are passive.
    stop(e, !e.type.startsWith('touch'));
    return true;
  };

  /** A second tap (touch, pen) or a second press (mouse, `detail` ≥ 2) on media: a double tap. */
  const doubleTap = (e: Event, t: Element): boolean => {
    const pe = e as PointerEvent & MouseEvent;
    const isMouse = e.type === 'mousedown' || (e.type === 'pointerdown' && pe.pointerType === 'mouse');
    let second = false;
    if (isMouse) second = e.type === 'mousedown' && pe.detail >= 2;
    // One tap fires pointerdown and then touchstart: count taps on one of them only
    // (pointerdown wherever Pointer Events exist, as in every browser we support).
    else if (e.type === 'pointerdown' || (e.type === 'touchstart' && typeof PointerEvent === 'undefined')) {
      const p = e.type === 'touchstart' ? (e as TouchEvent).touches?.[0] : pe;
      const x = p?.clientX ?? 0;
      const y = p?.clientY ?? 0;
      const last = state.lastTap;
      const window = state.hooks.threshold('doubleTapMs', 350);
      const now = state.now();
      if (last && now - last.at <= window && Math.hypot(x - last.x, y - last.y) <= DOUBLE_TAP_PX && (last.media === t || last.media.contains(t) || t.contains(last.media))) {
        second = true;
        state.lastTap = null;
      } else {
        state.lastTap = { at: now, x, y, media: t };
      }
    }
    if (!second) return false;
    const res = resolve({ kind: 'double-tap', target: t });
    if (!res || res.type === 'menu') return false;
    if (state.busy) {
      stop(e, false);
      return true;
    }
    const media = t;
    const stopped = intercept(e, res, (d) => {
      // Go ahead: press the post's like button (the same action). Without one, a tap cannot
      // be replayed: the user's next double tap on it passes (the allowance).
      if (res.control !== media && !media.contains(res.control)) replayClick(res.control);
      else state.allowance = { entryId: d.hit.entryId, action: d.action, until: state.now() + ALLOWANCE_MS };
    });
    if (stopped) state.swallow = { until: state.now() + SWALLOW_MS, target: media };
    return stopped;
  };

  const onPress = (e: Event) => {
    if (!state.active || fromOurUi(e)) return;
    const t = targetOf(e);
    if (!t || isReplay(t)) return;
    if (!trusted(e)) {
      // Neither remembered (a script must not set the menu context) nor counted as a tap.
      // A site may like on a run of touches on media: a script's touch there is refused too.
      if (!refuse(e, resolve({ kind: 'control', target: t })) && e.type.startsWith('touch')) refuse(e, resolve({ kind: 'double-tap', target: t }));
      return;
    }
    if (swallowed(e, t)) return;
    if ((e.type === 'pointerdown' || e.type === 'mousedown' || e.type === 'touchstart') && doubleTap(e, t)) return;
    const res = resolve({ kind: 'control', target: t });
    if (!res) return;
    remember(res);
    if (res.type === 'menu') return;
    if (state.busy) return stop(e, false);
    const d = decideFor(res, false);
    // Not preventDefault: the click still comes and is handled (and stopped) in onClick.
    if (d && d.mode !== 'audit') e.stopImmediatePropagation();
  };

  const onPointerOver = (e: Event) => {
    if (!state.active || fromOurUi(e) || !trusted(e)) return;
    const t = targetOf(e);
    const res = t && resolve({ kind: 'control', target: t });
    // Hovering a like button opens Facebook's reactions bar: its items commit for this post.
    if (res && res.type !== 'menu-commit') remember(res);
  };

  /**
   * A resolved input: remembered for a menu that may follow; a menu opener passes; while a
   * warning shows, guarded controls are inert; else `intercept`. True when `e` was stopped
   * for a warning. A script's input is only refused (and false: nothing follows it).
   */
  const act = (e: Event, res: Resolution, replay: (d: GuardDecision) => void): boolean => {
    if (!trusted(e)) {
      refuse(e, res);
      return false;
    }
    remember(res);
    if (res.type === 'menu') return false;
    if (state.busy) {
      stop(e);
      return true;
    }
    return intercept(e, res, replay);
  };

  /** The element a click-like event is for, unless it is ours to ignore (our UI, our replay, a swallowed tap). */
  const clickTarget = (e: Event): Element | null => {
    if (!state.active || fromOurUi(e)) return null;
    const t = targetOf(e);
    return !t || isReplay(t) || swallowed(e, t) ? null : t;
  };

  const onClick = (e: Event) => {
    const t = clickTarget(e);
    const res = t && resolve({ kind: 'control', target: t });
    if (res) act(e, res, () => replayClick(res.control));
  };

  const onDblClick = (e: Event) => {
    const t = clickTarget(e);
    // A dblclick whose second press was not stopped (no media hook then): ask once more.
    const res = t && resolve({ kind: 'double-tap', target: t });
    if (res) act(e, res, () => replayClick(res.control));
  };

  const onKeydown = (e: Event) => {
    const ke = e as KeyboardEvent;
    if (!state.active || fromOurUi(e) || ke.isComposing) return;
    const t = targetOf(e);
    if (t && isReplay(t)) return;
    const plain = !ke.ctrlKey && !ke.metaKey && !ke.altKey;
    if (ke.key === 'Enter' && plain && !ke.shiftKey && t?.closest(TYPING)) {
      // Enter in a comment box sends it, with no Comment button pressed first.
      const res = resolve({ kind: 'send', target: t });
      if (res && res.type === 'action') {
        if (act(e, res, () => replayEnter(res.control))) state.keyupTarget = t;
        return;
      }
    }
    if ((ke.key === 'Enter' || ke.key === ' ') && t && plain) {
      const res = resolve({ kind: 'control', target: t });
      if (res && res.type !== 'menu') {
        if (act(e, res, () => replayClick(res.control)) && ke.key === ' ') state.keyupTarget = t;
        return;
      }
    }
    const res = resolve({ kind: 'shortcut', event: ke });
    if (res) act(e, res, () => replayClick(res.control));
  };

  const onKeyup = (e: Event) => {
    const k = (e as KeyboardEvent).key;
    if (state.keyupTarget && (k === ' ' || k === 'Enter') && e.target === state.keyupTarget) {
      state.keyupTarget = null;
      stop(e);
    }
  };

  const listen = (type: string, fn: (e: Event) => void) => window.addEventListener(type, fn, { capture: true, signal: c.signal });
  for (const type of PRESS_EVENTS) listen(type, onPress);
  listen('pointerover', onPointerOver);
  listen('click', onClick);
  listen('dblclick', onDblClick);
  listen('keydown', onKeydown);
  listen('keyup', onKeyup);
}
