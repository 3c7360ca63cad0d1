/**
 * The pack speaks Indonesian first and English second. English texts come from the schema
 * itself; Indonesian ones from `id.json` next to this file (data, not code: a new schema key
 * needs a line there, not a change here).
 *
 * Each translation records a short hash of the English it was made from (`from`), so a
 * schema text that changes later is reported as a stale translation instead of quietly
 * showing admins an Indonesian text that no longer says the same thing.
 */
import { createHash } from 'node:crypto';
import type { SchemaNode } from './schema';
import { schemaPaths } from './schema';

export type Lang = 'id' | 'en';

export interface Translations {
  /** Per schema path (`key`, `key.prop`, `key[].prop`). */
  texts: Record<string, { from: string; title: string; description: string }>;
  /** Per schema path, per enum value: a short label in both languages. */
  labels: Record<string, Record<string, { en: string; id: string }>>;
}

export interface NodeTexts {
  title: string;
  description: string;
}

/** 8 hex digits of SHA-256 over the English title and description. */
export function sourceHash(node: SchemaNode): string {
  return createHash('sha256').update(`${node.title ?? ''}\n${node.description ?? ''}`).digest('hex').slice(0, 8);
}

export function parseTranslations(text: string): Translations {
  const raw = JSON.parse(text) as Partial<Translations>;
  if (typeof raw.texts !== 'object' || raw.texts === null || typeof raw.labels !== 'object' || raw.labels === null) {
    throw new Error('the translations file needs "texts" and "labels" objects');
  }
  return { texts: raw.texts, labels: raw.labels };
}

/**
 * The title and description of a schema node in one language. English: the schema's. A
 * missing or stale Indonesian text falls back to English (and `translationWarnings` says so).
 */
export function nodeTexts(lang: Lang, path: string, node: SchemaNode, tr: Translations): NodeTexts {
  const en = { title: node.title ?? path, description: node.description ?? '' };
  if (lang === 'en') return en;
  const t = tr.texts[path];
  if (!t || t.from !== sourceHash(node)) return en;
  return { title: t.title, description: t.description };
}

/** A short label for an enum value, e.g. "Peringatkan" for mode 'warn'; else the value. */
export function enumLabel(lang: Lang, path: string, value: string | number, tr: Translations): string {
  return tr.labels[path]?.[String(value)]?.[lang] ?? String(value);
}

/** What is missing, stale or left over in the Indonesian texts. */
export function translationWarnings(schema: SchemaNode, tr: Translations): string[] {
  const warnings: string[] = [];
  const paths = new Set<string>();
  for (const { path, node } of schemaPaths(schema)) {
    paths.add(path);
    if (node.title === undefined && node.description === undefined) continue;
    const t = tr.texts[path];
    const hash = sourceHash(node);
    if (!t) warnings.push(`no Indonesian text for '${path}' (add it to scripts/admin-pack/id.json with "from": "${hash}"); English is used`);
    else if (t.from !== hash) {
      warnings.push(`the Indonesian text for '${path}' was made from an older English text (update it, then set "from": "${hash}"); English is used`);
    }
    // Value labels are shown for top-level choices (the ADMX drop-down lists).
    const topLevel = !/[.[]/.test(path);
    for (const v of topLevel ? (node.enum ?? []) : []) {
      if (!tr.labels[path]?.[String(v)]) warnings.push(`no label for value '${v}' of '${path}' in scripts/admin-pack/id.json; the value itself is shown`);
    }
  }
  for (const path of Object.keys(tr.texts)) if (!paths.has(path)) warnings.push(`scripts/admin-pack/id.json has a text for '${path}', which is not in the schema`);
  return warnings;
}
