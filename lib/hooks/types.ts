/**
 * Hooks as data: what a site's markup looks like (selectors, label words, link path
 * templates, shortcut keys, thresholds), kept out of code so that a publisher can fix a
 * broken hook by a signed update within hours instead of a store release (issue 8).
 *
 * Two shapes:
 * - `SiteHooks`: one site's hooks. Bundled as `lib/sites/<site>/hooks.json` (the fallback,
 *   and the one that wins when it is newer: after an extension update).
 * - `SignedHooks`: a document a publisher signs (Ed25519, the same keys and key handling as
 *   lists) carrying hooks for one or more sites: `npm run hooks -- build|verify`.
 *
 * Nothing from a downloaded document is used before it parses, lints clean and verifies.
 */
import type { SiteId } from '../model';

/**
 * The version of the engine that reads hooks (lib/sites/engine). A document whose
 * `minEngine` is higher needs features this build does not have: it is ignored, with the
 * reason shown. Raise it when a hooks field is added that old builds would misread.
 */
export const ENGINE_VERSION = 1;

/** The `format` field of a signed hooks document. */
export const HOOKS_FORMAT = 'jaga-netral-hooks/1';

/**
 * Health: what the hook must find for the page to count as working (lib/sites/engine/health.ts).
 * - `content`: at least one `content` hook must match on a page that has content (posts or a
 *   profile header). The first content hook's id is the one reported.
 * - `control`: when content was found, the hook (or one of its `orUndo` alternatives: an
 *   already-liked post shows "unlike") must match inside it.
 */
export type HookRequirement = 'content' | 'control';

/** One named hook: CSS selectors, most stable first, and what it must match. */
export interface HookSpec {
  /** Selectors, most stable first. Code joins them into one selector list. May be empty when `label` is set. */
  css: string[];
  /**
   * A key of `labels`: an element with a button role whose aria-label (or, with `caption`,
   * visible text) equals one of those words, by the engine's one normalising rule (case,
   * whitespace and trailing punctuation ignored), also counts as this hook.
   */
  label?: string;
  /**
   * How the label is compared: `exact` (default); `suffix`: equal, or ending in ". <word>"
   * (X: "12 suka. Suka"); `handle`: "<word> @<handle>" (X: "Follow @budi"); `prefix`:
   * starting with the word ("Hapus " → "Hapus Suka").
   */
  labelForm?: 'exact' | 'suffix' | 'handle' | 'prefix';
  /** The element's visible text (at most `thresholds.maxCaption` characters) counts like its aria-label. */
  caption?: boolean;
  /** Health: see HookRequirement. */
  required?: HookRequirement;
  /** For a `control` hook: hooks that count as the same control in its other state. */
  orUndo?: string[];
  /**
   * The fixtures this hook must match, and how many elements in each (refined-github's
   * `[[count, url]]`). Names are files in `tests/sites/<site>/fixtures/`. Ignored at run time.
   */
  expect?: Record<string, number>;
  /** Why this hook exists and where it was seen (JSON has no comments). */
  note?: string;
}

/** A word as a site shows it, per UI language. Indonesian first: that is what our users see. */
export interface Words {
  id: string[];
  en: string[];
}

export interface SiteHooks {
  site: SiteId;
  /** Only ever goes up. The higher of the bundled and the downloaded copy is in force. */
  hooksVersion: number;
  /** The lowest ENGINE_VERSION that can run these hooks. */
  minEngine: number;
  selectors: Record<string, HookSpec>;
  labels: Record<string, Words>;
  /**
   * Link path templates, several per name: `/{handle}`, `/{handle}/status/{id}/**`.
   * Placeholders (lib/hooks/templates.ts): `{handle}`, `{id}`, `{slug}`, `{any}` (one
   * segment); a final `/**` allows more segments. No raw regular expressions.
   */
  paths: Record<string, string[]>;
  /** Single-key shortcuts (`event.key`, no modifiers) → the hook whose control they press. */
  shortcuts: Record<string, string>;
  /** Numbers the adapter uses: `maxCaption`, `doubleTapMs`, `healthGraceMs`, … */
  thresholds: Record<string, number>;
  /** Path templates of pages that must show content (feeds, profiles, posts): health is checked there only. */
  healthPages?: string[];
}

/** The signed part of a hooks document. */
export interface HooksPayload {
  hooksVersion: number;
  minEngine: number;
  issuer: string;
  createdAt: string;
  /** Hooks for some or all sites. A site left out keeps the hooks it has. */
  sites: Partial<Record<SiteId, SiteHooks>>;
}

export interface SignedHooks {
  format: typeof HOOKS_FORMAT;
  publicKey: string;
  /** base64 Ed25519 signature of the UTF-8 bytes of `JSON.stringify(payload)` (as lists). */
  signature: string;
  payload: HooksPayload;
}

/** A lint finding. `hook` is the hook's name (or the field: `paths.status`, `labels.like`). */
export interface HookProblem {
  site: string;
  hook: string;
  message: string;
  /**
   * Exactly where, for people: `selectors.like.css[1]`, `labels.like.id[0]`. Absent when
   * `hook` already says it. lib/hooks/parse.ts formatHookProblem prints `site: where: message`.
   */
  where?: string;
}

/** The hooks a tab runs, and where they came from (storage `jn.hooks.<site>`, set by the background). */
export interface HooksInForce {
  hooks: SiteHooks;
  /** `bundled`, or the URL of the signed document. */
  source: string;
}

/** Per site, what the tab last measured (content script → background → popup/options). */
export interface SiteHealth {
  site: SiteId;
  status: 'ok' | 'degraded';
  /** The required hook that found nothing (status `degraded`). */
  hook?: string;
  hooksVersion: number;
  /** When the status last changed (ms since epoch). */
  at: number;
}
