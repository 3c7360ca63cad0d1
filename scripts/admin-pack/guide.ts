/**
 * The deployment guides (PANDUAN.md in Indonesian, GUIDE.md in English), rendered from the
 * templates next to this file. Placeholders `{{NAME}}` take the ids and URLs the pack was
 * built for and a policy table generated from the schema, so the guide cannot drift from the
 * files it describes. A relative link to a file of the pack that the pack does not contain
 * is an error.
 */
import { CHROME, EDGE, chromiumPolicyKey, firefoxPolicyKey, PackError } from './common';
import type { PackIds, Policy } from './common';
import { enumLabel, nodeTexts } from './i18n';
import type { Lang, Translations } from './i18n';
import type { PolicyDef, SchemaNode } from './schema';

const WORDS: Record<Lang, Record<string, string>> = {
  en: {
    key: 'key',
    type: 'type',
    registry: 'Windows registry',
    meaning: 'meaning',
    boolean: 'boolean',
    integer: 'integer',
    number: 'number',
    string: 'string',
    object: 'object',
    arrayOf: 'array of',
    objects: 'objects',
    strings: 'strings',
    subkey: 'subkey, values `1`, `2`, …',
    jsonText: 'JSON text¹',
    example: 'example',
  },
  id: {
    key: 'kunci',
    type: 'jenis',
    registry: 'registri Windows',
    meaning: 'arti',
    boolean: 'boolean',
    integer: 'bilangan bulat',
    number: 'bilangan',
    string: 'teks',
    object: 'objek',
    arrayOf: 'daftar',
    objects: 'objek',
    strings: 'teks',
    subkey: 'subkunci, nilai `1`, `2`, …',
    jsonText: 'teks JSON¹',
    example: 'contoh',
  },
};

/** Schema text in a Markdown table: '<token>' must not read as an HTML tag. */
function md(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function typeText(node: SchemaNode, lang: Lang): string {
  const w = WORDS[lang];
  if (node.enum) return node.enum.map((v) => `\`${v}\``).join(' · ');
  switch (node.type) {
    case 'integer': {
      const range = node.minimum !== undefined && node.maximum !== undefined ? ` ${node.minimum}–${node.maximum}` : '';
      return `${w.integer}${range}`;
    }
    case 'array': {
      const items = node.items!;
      if (items.enum) return `${w.arrayOf} ${items.enum.map((v) => `\`${v}\``).join(' · ')}`;
      return `${w.arrayOf} ${items.type === 'object' ? w.objects : items.type === 'string' ? w.strings : w[items.type]}`;
    }
    default:
      return w[node.type];
  }
}

function registryText(d: PolicyDef, lang: Lang): string {
  const w = WORDS[lang];
  switch (d.kind) {
    case 'boolean':
      return 'REG_DWORD 1/0';
    case 'integer':
      return 'REG_DWORD';
    case 'enum':
    case 'string':
      return 'REG_SZ';
    case 'list':
      return w.subkey;
    case 'json':
      return w.jsonText;
  }
}

function policyTable(defs: PolicyDef[], lang: Lang, tr: Translations, policy: Policy): string {
  const w = WORDS[lang];
  const rows = [`| ${w.key} | ${w.type} | ${w.registry} | ${w.meaning} |`, '|---|---|---|---|'];
  for (const d of defs) {
    const t = nodeTexts(lang, d.key, d.node, tr);
    let meaning = `**${md(t.title)}.** ${md(t.description)}`;
    if (d.kind === 'enum') {
      const values = d.node.enum ?? [];
      const labels = values.map((v) => enumLabel(lang, d.key, v, tr));
      if (labels.some((l, i) => l !== String(values[i]))) meaning += `<br>${values.map((v, i) => `\`${v}\` = ${md(labels[i])}`).join(', ')}`;
    }
    // Sub-fields of an object (or of the objects in an array), one per line.
    const fieldsOf = d.node.type === 'object' ? d.node : d.node.items?.type === 'object' ? d.node.items : undefined;
    const prefix = d.node.type === 'object' ? d.key : `${d.key}[]`;
    for (const [k, child] of Object.entries(fieldsOf?.properties ?? {})) {
      const ct = nodeTexts(lang, `${prefix}.${k}`, child, tr);
      meaning += `<br>• \`${k}\` (${typeText(child, lang)}): ${md(ct.description || ct.title)}`;
    }
    if (policy[d.key] !== undefined && d.key !== 'localClauses') meaning += `<br>${w.example}: \`${JSON.stringify(policy[d.key])}\``;
    rows.push(`| \`${d.key}\` | ${cell(typeText(d.node, lang))} | ${cell(registryText(d, lang))} | ${cell(meaning)} |`);
  }
  return rows.join('\n');
}

export function guide(lang: Lang, template: string, defs: PolicyDef[], tr: Translations, policy: Policy, ids: PackIds, paths: string[]): string {
  const org = (policy.organization as { name?: unknown } | undefined)?.name;
  const values: Record<string, string> = {
    CHROME_ID: ids.chromeId,
    GECKO_ID: ids.geckoId,
    UPDATE_URL: ids.updateUrl,
    XPI_URL: ids.xpiUrl,
    CHROME_POLICY_KEY: `HKLM\\${chromiumPolicyKey(CHROME, ids)}`,
    EDGE_POLICY_KEY: `HKLM\\${chromiumPolicyKey(EDGE, ids)}`,
    FIREFOX_POLICY_KEY: `HKLM\\${firefoxPolicyKey(ids)}`,
    ORG_NAME: typeof org === 'string' ? org : 'Badan Kepegawaian Contoh',
    POLICY_TABLE: policyTable(defs, lang, tr, policy),
    LINUX_EXAMPLE: JSON.stringify({ '3rdparty': { extensions: { [ids.chromeId]: policy } } }, null, 2),
  };
  const out = template.replace(/\{\{([A-Z_]+)\}\}/g, (m, name: string) => {
    if (!(name in values)) throw new PackError([`guide template (${lang}): unknown placeholder ${m}`]);
    return values[name];
  });
  // Every relative link into the pack must point at a file (or folder) the pack has.
  for (const [, target] of out.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
    if (/^[a-z]+:/i.test(target) || target.startsWith('../')) continue;
    const t = target.replace(/\/$/, '');
    if (!paths.some((p) => p === t || p.startsWith(`${t}/`))) {
      throw new PackError([`guide template (${lang}): the link "${target}" points at nothing in the pack`]);
    }
  }
  return out;
}
