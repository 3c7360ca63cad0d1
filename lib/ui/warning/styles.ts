/**
 * The warning's CSS, injected as a <style> element's textContent inside the shadow root.
 *
 * - `:host { all: initial }` cuts inheritance from the site; shadow scoping keeps our rules
 *   in. The second :host rule uses !important because, for important declarations, the
 *   shadow tree's own rules beat the page's (CSS Cascade 4, "context"), so a site rule on
 *   our tag cannot hide or shrink the warning.
 * - Sizes are in em from the host, whose font-size is `medium` (the user's default size):
 *   sites often set `html { font-size: 62.5% }`, so rem would make the text tiny.
 * - No external fonts or images; system font stack; high contrast; visible focus ring;
 *   forced-colors and prefers-reduced-motion respected; scrollable at 200% zoom.
 */
export const WARNING_CSS = `
:host { all: initial; }
:host {
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  z-index: 2147483647 !important;
  visibility: visible !important;
  opacity: 1 !important;
  pointer-events: auto !important;
  font-size: medium !important;
}

*, *::before, *::after { box-sizing: border-box; }

.backdrop {
  --jn-bg: #ffffff;
  --jn-fg: #111111;
  --jn-muted: #3d3d3d;
  --jn-border: #6b6b6b;
  --jn-accent: #0b3d91;
  --jn-accent-fg: #ffffff;
  --jn-warn-bg: #fff4e5;
  --jn-warn-border: #a15c00;
  --jn-quote-bg: #f3f4f6;
  --jn-focus: #1a73e8;
  position: fixed;
  inset: 0;
  z-index: 2147483647;
  display: flex;
  align-items: center;
  justify-content: center;
  padding: 1em;
  background: rgba(0, 0, 0, 0.6);
  overflow: auto;
  overscroll-behavior: contain;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 1em;
  line-height: 1.5;
  color: var(--jn-fg);
  text-align: start;
  -webkit-text-size-adjust: 100%;
}

@media (prefers-color-scheme: dark) {
  .backdrop {
    --jn-bg: #1b1b1f;
    --jn-fg: #f5f5f5;
    --jn-muted: #d0d0d0;
    --jn-border: #9a9a9a;
    --jn-accent: #9cc3ff;
    --jn-accent-fg: #0a0a0a;
    --jn-warn-bg: #3a2a10;
    --jn-warn-border: #f0b35a;
    --jn-quote-bg: #2a2a30;
    --jn-focus: #9cc3ff;
  }
}

.dialog {
  position: relative;
  display: flex;
  flex-direction: column;
  width: min(40em, calc(100vw - 2em));
  max-width: 40em;
  max-height: calc(100vh - 2em);
  max-height: calc(100dvh - 2em);
  overflow: hidden;
  margin: auto;
  padding: 0;
  background: var(--jn-bg);
  color: var(--jn-fg);
  border: 0.125em solid var(--jn-border);
  border-radius: 0.75em;
  box-shadow: 0 0.5em 2em rgba(0, 0, 0, 0.45);
}

@media (prefers-reduced-motion: no-preference) {
  .dialog { animation: jn-in 120ms ease-out; }
  @keyframes jn-in {
    from { opacity: 0; transform: translateY(0.5em); }
    to { opacity: 1; transform: none; }
  }
}

.head { flex: none; padding: 1.25em 1.5em 0.25em; }
.body {
  flex: 1 1 auto;
  min-height: 4em;
  overflow: auto;
  overscroll-behavior: contain;
  padding: 0 1.5em 0.75em;
  border-top: 0.0625em solid var(--jn-border);
}
.body > p:first-child { margin-top: 0.75em; }
.foot {
  flex: none;
  padding: 0.25em 1.5em 1em;
}
/* Very short viewports (200% zoom on a laptop): one scroll for everything; the buttons
   come right after the plain-words lead, so they are reached before the legal detail. */
@media (max-height: 32em) {
  .dialog { overflow: auto; overscroll-behavior: contain; }
  .body { flex: none; overflow: visible; min-height: 0; }
}
/* Whenever the whole dialog scrolls, the decision stays in view at the bottom edge while
   the lead above it is read (sticky only pins it once it would scroll out of view). */
@media (max-height: 32em), (max-width: 30em) {
  .foot {
    position: sticky;
    bottom: 0;
    z-index: 1;
    padding-top: 0.5em;
    background: var(--jn-bg);
    border-top: 0.0625em solid var(--jn-border);
  }
}
/* Narrow windows (a 360-px phone-sized window, or 200% zoom on a small screen). */
@media (max-width: 30em) {
  .backdrop { padding: 0.5em; }
  .dialog { width: calc(100vw - 1em); max-height: calc(100vh - 1em); max-height: calc(100dvh - 1em); overflow: auto; }
  .head { padding: 1em 1em 0.25em; }
  .foot { padding: 0.25em 1em 0.75em; }
  .body { flex: none; overflow: visible; min-height: 0; padding: 0 1em 0.75em; }
  .actions button { flex: 1 1 100%; }
}

.top {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 0.5em;
  margin: 0 0 0.5em;
}
.brand { margin: 0; font-size: 0.875em; font-weight: 700; color: var(--jn-muted); letter-spacing: 0.02em; }

h2, h3, p, ul, blockquote, figure { margin: 0; }
h2 { font-size: 1.25em; line-height: 1.3; font-weight: 700; margin: 0 0 0.5em; overflow-wrap: anywhere; }
h3 { font-size: 1em; font-weight: 700; margin: 1em 0 0.375em; }
h4 { font-size: 0.9375em; font-weight: 700; margin: 0.75em 0 0.25em; }
.lead { font-size: 1.0625em; overflow-wrap: anywhere; }
.repeat { margin-top: 0.5em; font-weight: 600; }
p + p { margin-top: 0.5em; }

.account {
  margin: 0.75em 0 0.75em;
  padding: 0.5em 1em;
  background: var(--jn-warn-bg);
  border: 0.0625em solid var(--jn-warn-border);
  border-inline-start-width: 0.375em;
  border-radius: 0.375em;
  overflow-wrap: anywhere;
}
.account .name { font-size: 1.125em; font-weight: 700; }
.account .meta { margin-top: 0.25em; font-size: 0.9375em; }
.account .small { font-size: 0.875em; color: var(--jn-muted); }

.clause { margin: 0.5em 0 0.75em; }
.clause .instrument { font-weight: 700; }
.clause .instrument .article { font-weight: 400; }
.clause .applies { font-size: 0.875em; font-weight: 600; color: var(--jn-muted); }
.clause .summary { margin: 0.375em 0; padding: 0.5em 0.75em; border: 0.0625em dashed var(--jn-border); overflow-wrap: anywhere; }
.clause .intro, .provenance-item .intro { margin-top: 0.25em; font-size: 0.9375em; }
.sanction .cite { font-size: 0.875em; color: var(--jn-muted); }
.provenance-item { margin: 0.5em 0 0.75em; overflow-wrap: anywhere; }
.provenance-item .instrument { font-size: 0.875em; font-weight: 600; }
.provenance-item blockquote {
  margin: 0.375em 0;
  padding: 0.5em 0.75em;
  background: var(--jn-quote-bg);
  border-inline-start: 0.25em solid var(--jn-border);
  overflow-wrap: anywhere;
}
.provenance-item .note { font-size: 0.875em; }
.clause .article { font-size: 0.9375em; }
.clause .lowconf { font-style: italic; margin-top: 0.25em; }
.clause blockquote {
  margin: 0.375em 0;
  padding: 0.5em 0.75em;
  background: var(--jn-quote-bg);
  border-inline-start: 0.25em solid var(--jn-border);
  overflow-wrap: anywhere;
}
.clause .note { font-size: 0.875em; }
.provenance { font-size: 0.8125em; color: var(--jn-muted); }
abbr { text-decoration: underline dotted; cursor: help; }

details { margin: 0.5em 0; }
summary { cursor: pointer; font-weight: 600; padding: 0.25em 0; }

.sanction p { margin-top: 0.25em; }
.blocked { margin: 0 0 0.5em; font-weight: 700; }
.decision { margin-top: 0.75em; }
.org { margin-top: 0.5em; overflow-wrap: anywhere; }

a { color: var(--jn-accent); text-decoration: underline; }

label { display: block; margin-top: 1em; font-weight: 700; }
.hint { font-size: 0.875em; color: var(--jn-muted); }
textarea {
  display: block;
  width: 100%;
  min-height: 4.5em;
  margin-top: 0.375em;
  padding: 0.5em;
  font: inherit;
  color: var(--jn-fg);
  background: var(--jn-bg);
  border: 0.125em solid var(--jn-border);
  border-radius: 0.375em;
  resize: vertical;
}

.actions {
  display: flex;
  flex-wrap: wrap;
  gap: 0.75em;
}
.foot label { margin-top: 0; }
.foot textarea { margin-bottom: 0.75em; min-height: 3.5em; }
button {
  font: inherit;
  font-size: 1em;
  line-height: 1.3;
  min-height: 2.75em;
  padding: 0.5em 1.25em;
  border-radius: 0.375em;
  border: 0.125em solid var(--jn-accent);
  cursor: pointer;
}
button.primary { background: var(--jn-accent); color: var(--jn-accent-fg); font-weight: 700; }
button.secondary { background: transparent; color: var(--jn-accent); }
button.lang {
  min-height: 2em;
  padding: 0.25em 0.75em;
  font-size: 0.875em;
  background: transparent;
  color: var(--jn-accent);
  border-width: 0.0625em;
}
button:disabled { cursor: not-allowed; opacity: 0.55; }

:focus { outline: none; }
:focus-visible, button:focus, summary:focus-visible, a:focus, textarea:focus {
  outline: 0.1875em solid var(--jn-focus);
  outline-offset: 0.125em;
}

@media (forced-colors: active) {
  .dialog, .account, button, textarea { border-color: CanvasText; }
  button.primary { background: ButtonText; color: ButtonFace; forced-color-adjust: none; }
  :focus-visible, button:focus, a:focus, textarea:focus { outline-color: Highlight; }
}
`;
