/**
 * Checks the admin pack (admin/) against managed_schema.json, the way the browsers would read
 * each file. Written independently of scripts/admin-pack/ (its own .reg, plist and
 * PowerShell readers; Chrome's and Firefox's registry rules re-implemented from their
 * sources), so a bug in the generator is not mirrored here.
 *
 * Every checker returns a list of problems ('file: what is wrong'); [] means the file fits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { validatePolicy } from '../../lib/policy/validate';

export interface Node {
  type: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  items?: Node;
  properties?: Record<string, Node>;
}
export type Schema = Node & { properties: Record<string, Node> };

export interface Ids {
  chromeId: string;
  geckoId: string;
}

type Policy = Record<string, unknown>;

// ---------------------------------------------------------------------------------------
// Policy values

function typeProblems(node: Node, v: unknown, path: string): string[] {
  const ok =
    node.type === 'string' ? typeof v === 'string'
    : node.type === 'integer' ? Number.isInteger(v)
    : node.type === 'number' ? typeof v === 'number'
    : node.type === 'boolean' ? typeof v === 'boolean'
    : node.type === 'array' ? Array.isArray(v)
    : node.type === 'object' ? typeof v === 'object' && v !== null && !Array.isArray(v)
    : false;
  if (!ok) return [`${path} should be ${node.type}, is ${JSON.stringify(v)}`];
  const out: string[] = [];
  if (node.enum && !node.enum.includes(v)) out.push(`${path} = ${JSON.stringify(v)} is not one of ${JSON.stringify(node.enum)}`);
  if (typeof v === 'number' && node.minimum !== undefined && v < node.minimum) out.push(`${path} = ${v} is below ${node.minimum}`);
  if (typeof v === 'number' && node.maximum !== undefined && v > node.maximum) out.push(`${path} = ${v} is above ${node.maximum}`);
  if (Array.isArray(v) && node.items) v.forEach((x, i) => out.push(...typeProblems(node.items!, x, `${path}[${i}]`)));
  if (node.type === 'object' && node.properties) {
    for (const [k, x] of Object.entries(v as Policy)) {
      if (!node.properties[k]) out.push(`${path}.${k} is not in the schema`);
      else out.push(...typeProblems(node.properties[k], x, `${path}.${k}`));
    }
  }
  return out;
}

/**
 * A decoded policy against the schema and the extension: keys exist, values have the
 * schema's types (unless `typed` is false: Firefox hands over booleans as 1/0), every
 * schema key is there, the extension accepts it without a note and reads the same
 * settings as from `expected`.
 */
export function policyProblems(file: string, schema: Schema, decoded: unknown, expected: Policy, typed = true): string[] {
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return [`${file}: the policy is not an object`];
  const p = decoded as Policy;
  const out: string[] = [];
  for (const [k, v] of Object.entries(p)) {
    if (!schema.properties[k]) out.push(`${file}: '${k}' is not a key of the schema`);
    else if (typed) out.push(...typeProblems(schema.properties[k], v, `${file}: ${k}`));
  }
  for (const k of Object.keys(schema.properties)) if (!(k in p)) out.push(`${file}: schema key '${k}' is missing`);
  const got = validatePolicy(p);
  for (const n of got.notes) out.push(`${file}: the extension would ignore it: ${n.en}`);
  if (!isDeepStrictEqual(got.policy, validatePolicy(expected).policy)) {
    out.push(`${file}: the extension reads other settings than from policy.json`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// .reg files

export interface RegValue {
  /** As written (lookups are case-insensitive, as in the registry). */
  name: string;
  type: 'REG_SZ' | 'REG_DWORD' | 'REG_MULTI_SZ';
  data: string | number | string[];
}
export interface RegKey {
  /** Original spelling of the last path segment. */
  name: string;
  values: Map<string, RegValue>;
  keys: Map<string, RegKey>;
}

function newKey(name: string): RegKey {
  return { name, values: new Map(), keys: new Map() };
}

/** Parses a regedit file into a tree under HKEY_LOCAL_MACHINE (names compared case-insensitively). */
export function parseReg(bytes: Buffer, file: string): RegKey {
  if (bytes[0] !== 0xff || bytes[1] !== 0xfe) throw new Error(`${file}: not UTF-16LE with a byte order mark`);
  const text = bytes.subarray(2).toString('utf16le');
  if (/[^\r]\n/.test(text)) throw new Error(`${file}: line ends must be CRLF`);
  const raw = text.split('\r\n');
  if (raw[0] !== 'Windows Registry Editor Version 5.00') throw new Error(`${file}: wrong header "${raw[0]}"`);
  // A value line ending in a backslash goes on in the next line (regedit wraps hex data).
  const lines: string[] = [];
  for (const l of raw.slice(1)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].endsWith('\\')) lines[last] = lines[last].slice(0, -1) + l.trim();
    else lines.push(l);
  }
  const root = newKey('HKEY_LOCAL_MACHINE');
  const walk = (path: string, create: boolean): RegKey | undefined => {
    const parts = path.split('\\');
    if (parts.shift() !== 'HKEY_LOCAL_MACHINE') throw new Error(`${file}: only HKEY_LOCAL_MACHINE is expected, got ${path}`);
    let k = root;
    for (const part of parts) {
      let next = k.keys.get(part.toLowerCase());
      if (!next) {
        if (!create) return undefined;
        next = newKey(part);
        k.keys.set(part.toLowerCase(), next);
      }
      k = next;
    }
    return k;
  };
  let current: RegKey | undefined;
  for (const line of lines) {
    if (line === '' || line.startsWith(';')) continue;
    let m = /^\[-(.+)\]$/.exec(line);
    if (m) {
      const parts = m[1].split('\\');
      const parent = walk(parts.slice(0, -1).join('\\'), false);
      parent?.keys.delete(parts[parts.length - 1].toLowerCase());
      current = undefined;
      continue;
    }
    m = /^\[(.+)\]$/.exec(line);
    if (m) {
      current = walk(m[1], true);
      continue;
    }
    m = /^"((?:[^"\\]|\\.)*)"=(.*)$/.exec(line);
    if (!m || !current) throw new Error(`${file}: cannot read line "${line}"`);
    const name = m[1].replace(/\\(.)/g, '$1');
    const data = m[2];
    let value: RegValue;
    let s: RegExpExecArray | null;
    if ((s = /^"((?:[^"\\]|\\.)*)"$/.exec(data))) value = { name, type: 'REG_SZ', data: s[1].replace(/\\(.)/g, '$1') };
    else if ((s = /^dword:([0-9a-f]{8})$/.exec(data))) value = { name, type: 'REG_DWORD', data: parseInt(s[1], 16) | 0 };
    else if ((s = /^hex\(7\):([0-9a-f]{2}(?:,[0-9a-f]{2})*)$/.exec(data))) {
      const buf = Buffer.from(s[1].split(',').map((h) => parseInt(h, 16)));
      const str = buf.toString('utf16le');
      if (!str.endsWith('\0\0')) throw new Error(`${file}: REG_MULTI_SZ ${name} is not double-NUL terminated`);
      value = { name, type: 'REG_MULTI_SZ', data: str.slice(0, -2).split('\0') };
    } else throw new Error(`${file}: cannot read the value of "${name}": ${data}`);
    current.values.set(name.toLowerCase(), value);
  }
  return root;
}

export function regKeyAt(root: RegKey, path: string): RegKey | undefined {
  let k: RegKey | undefined = root;
  for (const part of path.split('\\')) k = k?.keys.get(part.toLowerCase());
  return k;
}

/**
 * What Chrome and Edge make of a registry key, by the schema (registry_dict.cc):
 * REG_MULTI_SZ is not read; an integer where a boolean is wanted is ≠ 0; a string where an
 * integer is wanted is parsed; a list is a subkey of values named 1, 2…, or JSON text; an
 * object is a subkey or JSON text.
 */
export function chromeRead(key: RegKey, node: Node | undefined, problems: string[], where: string): unknown {
  const convert = (v: RegValue, n: Node | undefined, name: string): unknown => {
    if (v.type === 'REG_MULTI_SZ') {
      problems.push(`${where}\\${name}: REG_MULTI_SZ is ignored by Chrome and Edge`);
      return undefined;
    }
    if (!n) return v.data;
    const d = v.data;
    if (n.type === 'boolean') return typeof d === 'number' ? d !== 0 : /^-?\d+$/.test(d as string) ? Number(d) !== 0 : d;
    if (n.type === 'integer') return typeof d === 'string' && /^-?\d+$/.test(d) ? Number(d) : d;
    if ((n.type === 'array' || n.type === 'object') && typeof d === 'string') {
      try {
        return JSON.parse(d);
      } catch {
        problems.push(`${where}\\${name}: not valid JSON`);
        return undefined;
      }
    }
    return d;
  };
  if (node?.type === 'array') {
    const out: unknown[] = [];
    const numbered = (m: Map<string, unknown>) => [...m.keys()].filter((k) => /^\d+$/.test(k));
    // Chrome keeps names in a case-insensitive sorted map: "10" comes before "2".
    for (const k of numbered(key.keys).sort()) out.push(chromeRead(key.keys.get(k)!, node.items, problems, `${where}\\${k}`));
    for (const k of numbered(key.values).sort()) out.push(convert(key.values.get(k)!, node.items, k));
    return out;
  }
  // Chrome matches names to the schema exactly (GetMatchingProperties), case included.
  const out: Policy = {};
  for (const v of key.values.values()) {
    const x = convert(v, node?.properties?.[v.name], v.name);
    if (x !== undefined) out[v.name] = x;
  }
  for (const sub of key.keys.values()) out[sub.name] = chromeRead(sub, node?.properties?.[sub.name], problems, `${where}\\${sub.name}`);
  return out;
}

/**
 * What Firefox makes of a registry key (WindowsGPOParser.sys.mjs): no schema; a key whose
 * first value is named "1" is an array, REG_MULTI_SZ is JSON, DWORD a number, a key whose
 * first subkey is "1" an array of objects, other subkeys objects.
 */
export function firefoxRead(key: RegKey, problems: string[], where: string): unknown {
  const read = (v: RegValue, name: string): unknown => {
    if (v.type !== 'REG_MULTI_SZ') return v.data;
    try {
      return JSON.parse((v.data as string[]).join('\n'));
    } catch {
      problems.push(`${where}\\${name}: REG_MULTI_SZ is not JSON`);
      return undefined;
    }
  };
  const values = [...key.values.values()];
  if (values.length && values[0].name === '1') return values.map((v) => read(v, v.name));
  const subs = [...key.keys.values()];
  if (subs.length && subs[0].name === '1') return subs.map((k) => firefoxRead(k, problems, `${where}\\${k.name}`));
  const out: Policy = {};
  for (const v of values) out[v.name] = read(v, v.name);
  for (const k of subs) out[k.name] = firefoxRead(k, problems, `${where}\\${k.name}`);
  return out;
}

// ---------------------------------------------------------------------------------------
// XML: ADMX, ADML, plist

export function parseXml(text: string, file: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) throw new Error(`${file}: XML error: ${err.textContent}`);
  return doc;
}

const children = (el: Element, tag?: string) => [...el.children].filter((c) => !tag || c.localName === tag);

export function plistValue(el: Element): unknown {
  switch (el.localName) {
    case 'string':
      return el.textContent ?? '';
    case 'integer':
      return Number(el.textContent);
    case 'real':
      return Number(el.textContent);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'array':
      return children(el).map(plistValue);
    case 'dict': {
      const out: Policy = {};
      const c = children(el);
      for (let i = 0; i < c.length; i += 2) {
        if (c[i].localName !== 'key') throw new Error(`plist: expected <key>, got <${c[i].localName}>`);
        out[c[i].textContent ?? ''] = plistValue(c[i + 1]);
      }
      return out;
    }
    default:
      throw new Error(`plist: unexpected <${el.localName}>`);
  }
}

// ---------------------------------------------------------------------------------------
// The whole pack

function browserKeys(ids: Ids) {
  return {
    chrome: `SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${ids.chromeId}\\policy`,
    edge: `SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${ids.chromeId}\\policy`,
    firefox: `SOFTWARE\\Policies\\Mozilla\\Firefox\\3rdparty\\Extensions\\${ids.geckoId}`,
  };
}

const read = (dir: string, f: string) => readFileSync(join(dir, f));
const readJson = (dir: string, f: string) => JSON.parse(read(dir, f).toString('utf8'));

function isHttpUrl(s: unknown): boolean {
  return typeof s === 'string' && /^https?:\/\/[^\s/]+\//.test(s);
}

/** An ExtensionSettings entry for Chrome, Chromium or Edge. */
function chromiumSettingsProblems(file: string, settings: unknown, ids: Ids, edge: boolean): string[] {
  const e = (settings as Record<string, Record<string, unknown>> | undefined)?.[ids.chromeId];
  if (!e) return [`${file}: ExtensionSettings has no entry for ${ids.chromeId}`];
  const out: string[] = [];
  if (e.installation_mode !== 'force_installed') out.push(`${file}: installation_mode is ${JSON.stringify(e.installation_mode)}`);
  if (!isHttpUrl(e.update_url)) out.push(`${file}: update_url is not an http(s) URL`);
  if (edge ? e.toolbar_state !== 'force_shown' : e.toolbar_pin !== 'force_pinned') out.push(`${file}: the toolbar button is not forced visible`);
  return out;
}

function firefoxSettingsProblems(file: string, settings: unknown, ids: Ids): string[] {
  const e = (settings as Record<string, Record<string, unknown>> | undefined)?.[ids.geckoId];
  if (!e) return [`${file}: ExtensionSettings has no entry for ${ids.geckoId}`];
  const out: string[] = [];
  if (e.installation_mode !== 'force_installed') out.push(`${file}: installation_mode is ${JSON.stringify(e.installation_mode)}`);
  if (!isHttpUrl(e.install_url)) out.push(`${file}: install_url is not an http(s) URL`);
  return out;
}

/** policy.json, Linux, Firefox policies.json, Google Admin console, the macOS profile. */
export function checkJsonAndPlist(dir: string, schema: Schema, ids: Ids): string[] {
  const out: string[] = [];
  const expected = readJson(dir, 'policy.json') as Policy;
  out.push(...policyProblems('policy.json', schema, expected, expected));
  for (const b of ['chromium', 'chrome', 'edge']) {
    const f = `linux/${b}/jaga-netral.json`;
    out.push(...policyProblems(f, schema, readJson(dir, f)?.['3rdparty']?.extensions?.[ids.chromeId], expected));
    const i = `linux/${b}/jaga-netral-install.json`;
    out.push(...chromiumSettingsProblems(i, readJson(dir, i).ExtensionSettings, ids, b === 'edge'));
    const fl = `linux/${b}/jaga-netral-forcelist.json`;
    const list = readJson(dir, fl).ExtensionInstallForcelist;
    if (!Array.isArray(list) || !list.some((x) => typeof x === 'string' && x.startsWith(`${ids.chromeId};`) && isHttpUrl(x.slice(33)))) {
      out.push(`${fl}: no "${ids.chromeId};<update URL>" entry`);
    }
  }
  const ff = readJson(dir, 'firefox/policies.json').policies;
  out.push(...policyProblems('firefox/policies.json', schema, ff?.['3rdparty']?.Extensions?.[ids.geckoId], expected));
  out.push(...firefoxSettingsProblems('firefox/policies.json', ff?.ExtensionSettings, ids));

  const ga = readJson(dir, 'google-admin/policy-for-extensions.json') as Record<string, unknown>;
  const unwrapped: Policy = {};
  for (const [k, v] of Object.entries(ga)) {
    const keys = typeof v === 'object' && v !== null ? Object.keys(v) : [];
    if (keys.length !== 1 || keys[0] !== 'Value') out.push(`google-admin/policy-for-extensions.json: '${k}' is not {"Value": …}`);
    else unwrapped[k] = (v as { Value: unknown }).Value;
  }
  out.push(...policyProblems('google-admin/policy-for-extensions.json', schema, unwrapped, expected));

  const mc = 'macos/jaga-netral.mobileconfig';
  const doc = parseXml(read(dir, mc).toString('utf8'), mc);
  const profile = plistValue(children(doc.documentElement, 'dict')[0]) as Policy;
  if (profile.PayloadType !== 'Configuration') out.push(`${mc}: PayloadType is not Configuration`);
  const payloads = (profile.PayloadContent ?? []) as Policy[];
  const uuids = [profile.PayloadUUID, ...payloads.map((p) => p.PayloadUUID)];
  if (!uuids.every((u) => typeof u === 'string' && /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/.test(u))) out.push(`${mc}: a PayloadUUID is not a UUID`);
  if (new Set(uuids).size !== uuids.length) out.push(`${mc}: PayloadUUIDs repeat`);
  const byType = (t: string) => payloads.find((p) => p.PayloadType === t);
  const strip = (p: Policy | undefined) =>
    p && Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('Payload')));
  for (const domain of [`com.google.Chrome.extensions.${ids.chromeId}`, `com.microsoft.Edge.extensions.${ids.chromeId}`]) {
    const p = byType(domain);
    if (!p) out.push(`${mc}: no payload ${domain}`);
    else out.push(...policyProblems(`${mc} (${domain})`, schema, strip(p), expected));
  }
  out.push(...chromiumSettingsProblems(`${mc} (com.google.Chrome)`, byType('com.google.Chrome')?.ExtensionSettings, ids, false));
  out.push(...chromiumSettingsProblems(`${mc} (com.microsoft.Edge)`, byType('com.microsoft.Edge')?.ExtensionSettings, ids, true));
  const fx = byType('org.mozilla.firefox');
  if (fx?.EnterprisePoliciesEnabled !== true) out.push(`${mc}: org.mozilla.firefox lacks EnterprisePoliciesEnabled`);
  out.push(...policyProblems(`${mc} (org.mozilla.firefox)`, schema, (fx?.['3rdparty'] as Policy | undefined)?.Extensions && ((fx!['3rdparty'] as Record<string, Policy>).Extensions as Policy)[ids.geckoId], expected));
  out.push(...firefoxSettingsProblems(`${mc} (org.mozilla.firefox)`, fx?.ExtensionSettings, ids));
  return out;
}

export function checkReg(dir: string, schema: Schema, ids: Ids): string[] {
  const out: string[] = [];
  const expected = readJson(dir, 'policy.json') as Policy;
  const keys = browserKeys(ids);
  for (const b of ['chrome', 'edge'] as const) {
    const f = `windows/reg/${b}-policy.reg`;
    const key = regKeyAt(parseReg(read(dir, f), f), keys[b]);
    if (!key) {
      out.push(`${f}: nothing under HKLM\\${keys[b]}`);
      continue;
    }
    const problems: string[] = [];
    const decoded = chromeRead(key, schema, problems, f);
    out.push(...problems, ...policyProblems(f, schema, decoded, expected));

    const i = `windows/reg/${b}-install.reg`;
    const root = b === 'chrome' ? 'SOFTWARE\\Policies\\Google\\Chrome' : 'SOFTWARE\\Policies\\Microsoft\\Edge';
    const es = regKeyAt(parseReg(read(dir, i), i), root)?.values.get('extensionsettings');
    if (es?.type !== 'REG_SZ') out.push(`${i}: no REG_SZ ExtensionSettings under ${root}`);
    else out.push(...chromiumSettingsProblems(i, JSON.parse(es.data as string), ids, b === 'edge'));

    const fl = `windows/reg/${b}-forcelist.reg`;
    const list = regKeyAt(parseReg(read(dir, fl), fl), `${root}\\ExtensionInstallForcelist`);
    const entries = [...(list?.values.entries() ?? [])];
    if (!entries.some(([n, v]) => /^\d+$/.test(n) && v.type === 'REG_SZ' && (v.data as string).startsWith(`${ids.chromeId};`))) {
      out.push(`${fl}: no numbered "${ids.chromeId};<update URL>" value`);
    }
  }
  const f = 'windows/reg/firefox-policy.reg';
  const key = regKeyAt(parseReg(read(dir, f), f), keys.firefox);
  if (!key) out.push(`${f}: nothing under HKLM\\${keys.firefox}`);
  else {
    const problems: string[] = [];
    const decoded = firefoxRead(key, problems, f);
    // Firefox does not apply the schema: booleans stay 1/0, which the extension accepts.
    out.push(...problems, ...policyProblems(f, schema, decoded, expected, false));
  }
  const fi = 'windows/reg/firefox-install.reg';
  const es = regKeyAt(parseReg(read(dir, fi), fi), 'SOFTWARE\\Policies\\Mozilla\\Firefox')?.values.get('extensionsettings');
  if (es?.type !== 'REG_MULTI_SZ') out.push(`${fi}: no REG_MULTI_SZ ExtensionSettings (Firefox parses only that as JSON)`);
  else out.push(...firefoxSettingsProblems(fi, JSON.parse((es.data as string[]).join('\n')), ids));
  return out;
}

/** The registry form a schema node must take in an ADMX (the element that writes it). */
function expectedElement(node: Node, firefox: boolean): string {
  if (node.type === 'boolean') return '(none)';
  if (node.type === 'integer') return 'decimal';
  if (node.type === 'string') return node.enum ? 'enum' : 'text';
  if (node.type === 'array' && node.items?.type === 'string') return 'list';
  return firefox ? 'multiText' : 'text';
}

export function checkAdmx(dir: string, schema: Schema, ids: Ids): string[] {
  const out: string[] = [];
  const keys = browserKeys(ids);
  for (const b of ['chrome', 'edge', 'firefox'] as const) {
    const f = `windows/admx/jaga-netral-${b}.admx`;
    const admx = parseXml(read(dir, f).toString('utf8'), f);
    const policies = [...admx.getElementsByTagName('policy')];
    const names = policies.map((p) => p.getAttribute('name'));
    for (const k of Object.keys(schema.properties)) if (!names.includes(k)) out.push(`${f}: no policy for schema key '${k}'`);
    for (const n of names) if (!n || !schema.properties[n]) out.push(`${f}: policy '${n}' is not a key of the schema`);

    const stringRefs = new Set<string>();
    const presentationRefs = new Map<string, string[]>();
    for (const el of [...admx.getElementsByTagName('*')]) {
      for (const attr of ['displayName', 'explainText']) {
        const m = /^\$\(string\.(.+)\)$/.exec(el.getAttribute(attr) ?? '');
        if (m) stringRefs.add(m[1]);
      }
    }
    for (const p of policies) {
      const name = p.getAttribute('name') ?? '';
      const node = schema.properties[name];
      if (p.getAttribute('key')?.toLowerCase() !== keys[b].toLowerCase()) out.push(`${f}: policy '${name}' writes to ${p.getAttribute('key')}, not HKLM\\${keys[b]}`);
      if (p.getAttribute('class') !== 'Machine') out.push(`${f}: policy '${name}' is not a Machine policy`);
      const elements = [...(p.getElementsByTagName('elements')[0]?.children ?? [])];
      if (!node) continue;
      const want = expectedElement(node, b === 'firefox');
      const got = elements.length === 0 ? '(none)' : elements.length === 1 ? elements[0].localName : elements.map((e) => e.localName).join('+');
      if (got !== want) {
        out.push(`${f}: policy '${name}' (${node.type}) uses ${got}, expected ${want}`);
        continue;
      }
      if (want === '(none)') {
        if (p.getAttribute('valueName') !== name) out.push(`${f}: boolean '${name}' writes value ${p.getAttribute('valueName')}`);
        const on = p.getElementsByTagName('enabledValue')[0]?.getElementsByTagName('decimal')[0]?.getAttribute('value');
        const off = p.getElementsByTagName('disabledValue')[0]?.getElementsByTagName('decimal')[0]?.getAttribute('value');
        if (on !== '1' || off !== '0') out.push(`${f}: boolean '${name}' is not 1 when enabled and 0 when disabled`);
        continue;
      }
      const el = elements[0];
      const pres = /^\$\(presentation\.(.+)\)$/.exec(p.getAttribute('presentation') ?? '')?.[1];
      if (!pres) out.push(`${f}: policy '${name}' has elements but no presentation`);
      else presentationRefs.set(pres, [...(presentationRefs.get(pres) ?? []), el.getAttribute('id') ?? '']);
      if (want === 'list') {
        if (el.getAttribute('key')?.toLowerCase() !== `${keys[b]}\\${name}`.toLowerCase()) out.push(`${f}: list '${name}' writes to ${el.getAttribute('key')}`);
        if (el.getAttribute('valuePrefix') !== '') out.push(`${f}: list '${name}' values are not named 1, 2, 3…`);
      } else if (el.getAttribute('valueName') !== name) {
        out.push(`${f}: '${name}' writes value ${el.getAttribute('valueName')}`);
      }
      if (want === 'decimal') {
        const min = Number(el.getAttribute('minValue') ?? 0);
        const max = Number(el.getAttribute('maxValue') ?? 9999);
        if (node.minimum !== undefined && min !== node.minimum) out.push(`${f}: '${name}' minimum ${min}, schema ${node.minimum}`);
        if (node.maximum !== undefined && max !== node.maximum) out.push(`${f}: '${name}' maximum ${max}, schema ${node.maximum}`);
      }
      if (want === 'enum') {
        const items = [...el.getElementsByTagName('item')];
        const values = items.map((i) => i.getElementsByTagName('string')[0]?.textContent);
        if (!isDeepStrictEqual(values, node.enum)) out.push(`${f}: '${name}' offers ${JSON.stringify(values)}, schema ${JSON.stringify(node.enum)}`);
        for (const i of items) {
          const m = /^\$\(string\.(.+)\)$/.exec(i.getAttribute('displayName') ?? '');
          if (m) stringRefs.add(m[1]);
          else out.push(`${f}: an item of '${name}' has no string`);
        }
      }
    }

    // Both languages: every reference resolves, and the two have the same ids.
    const tables: Record<string, { strings: Map<string, string>; presentations: Map<string, string[]> }> = {};
    for (const lang of ['en-US', 'id-ID']) {
      const lf = `windows/admx/${lang}/jaga-netral-${b}.adml`;
      const adml = parseXml(read(dir, lf).toString('utf8'), lf);
      const strings = new Map([...adml.getElementsByTagName('string')].map((s) => [s.getAttribute('id') ?? '', s.textContent ?? '']));
      const presentations = new Map(
        [...adml.getElementsByTagName('presentation')].map((p) => [p.getAttribute('id') ?? '', [...p.children].map((c) => c.getAttribute('refId') ?? '')]),
      );
      for (const id of stringRefs) {
        if (!strings.has(id)) out.push(`${lf}: string '${id}' used by the ADMX is missing`);
        else if (!strings.get(id)!.trim()) out.push(`${lf}: string '${id}' is empty`);
      }
      for (const [id, refs] of presentationRefs) {
        if (!presentations.has(id)) out.push(`${lf}: presentation '${id}' is missing`);
        else if (!isDeepStrictEqual(presentations.get(id), refs)) out.push(`${lf}: presentation '${id}' refers to ${JSON.stringify(presentations.get(id))}, the elements are ${JSON.stringify(refs)}`);
      }
      tables[lang] = { strings, presentations };
    }
    const en = tables['en-US'];
    const id = tables['id-ID'];
    if (!isDeepStrictEqual([...en.strings.keys()].sort(), [...id.strings.keys()].sort())) out.push(`windows/admx/*/jaga-netral-${b}.adml: en-US and id-ID have different string ids`);
    if (!isDeepStrictEqual([...en.presentations.keys()].sort(), [...id.presentations.keys()].sort())) out.push(`windows/admx/*/jaga-netral-${b}.adml: en-US and id-ID have different presentations`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// PowerShell

/** A PowerShell literal as the generator writes them: 'text', 123, $true/$false/$null, @('a', 'b'). */
function psLiteral(s: string): unknown {
  s = s.trim();
  if (s === '$true') return true;
  if (s === '$false') return false;
  if (s === '$null') return null;
  if (/^-?\d+$/.test(s)) return Number(s);
  const str = /^'((?:[^']|'')*)'$/.exec(s);
  if (str) return str[1].replace(/''/g, "'");
  const arr = /^@\((.*)\)$/.exec(s);
  if (arr) return arr[1].trim() === '' ? [] : [...arr[1].matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
  throw new Error(`cannot read the PowerShell literal ${s}`);
}

export function checkPs1(dir: string, schema: Schema, ids: Ids): string[] {
  const f = 'windows/edge-intune.ps1';
  const bytes = read(dir, f);
  const out: string[] = [];
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) out.push(`${f}: no UTF-8 byte order mark (Windows PowerShell 5.1 would read it as ANSI)`);
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  if (/[^\r]\n/.test(text)) out.push(`${f}: line ends must be CRLF`);
  const expected = readJson(dir, 'policy.json') as Policy;
  const params = new Map<string, { type: string; value: unknown }>();
  for (const m of text.matchAll(/^ {4}(?:\[ValidateSet\([^)]*\)\] )?\[([A-Za-z[\]]+)\] \$([A-Za-z0-9_]+) = (.+?),?\r$/gm)) {
    params.set(m[2], { type: m[1], value: psLiteral(m[3]) });
  }
  const kinds = new Map<string, string>();
  for (const m of text.matchAll(/^ {4}([A-Za-z0-9_]+) = @\{ Kind = '(\w+)'; Value = \$([A-Za-z0-9_]+)/gm)) {
    if (m[1] !== m[3]) out.push(`${f}: setting ${m[1]} takes the value of $${m[3]}`);
    kinds.set(m[1], m[2]);
  }
  const decoded: Policy = {};
  for (const [key, node] of Object.entries(schema.properties)) {
    const p = params.get(key);
    const kind = kinds.get(key);
    if (!p || !kind) {
      out.push(`${f}: no parameter and setting for schema key '${key}'`);
      continue;
    }
    const want =
      node.type === 'boolean' || node.type === 'integer' ? 'DWord'
      : node.type === 'string' ? 'String'
      : node.type === 'array' && node.items?.type === 'string' ? 'List'
      : 'Json';
    if (kind !== want) out.push(`${f}: '${key}' (${node.type}) is written as ${kind}, Edge needs ${want}`);
    if (p.value === null || p.value === '' || (Array.isArray(p.value) && p.value.length === 0)) continue;
    if (kind === 'Json' && typeof p.value === 'string') {
      try {
        decoded[key] = JSON.parse(p.value);
      } catch {
        out.push(`${f}: the default of '${key}' is not valid JSON`);
      }
    } else decoded[key] = p.value;
  }
  for (const k of kinds.keys()) if (!schema.properties[k]) out.push(`${f}: setting '${k}' is not a key of the schema`);
  out.push(...policyProblems(f, schema, decoded, expected));
  if (!text.includes(`$ExtensionId = '${ids.chromeId}'`)) out.push(`${f}: $ExtensionId is not ${ids.chromeId}`);
  if (!text.includes(`$PolicyKeyPath = '${browserKeys(ids).edge}'`)) out.push(`${f}: $PolicyKeyPath is not Edge's policy key for ${ids.chromeId}`);
  return out;
}

// ---------------------------------------------------------------------------------------
// The guides

export function checkGuides(dir: string, schema: Schema, ids: Ids): string[] {
  const out: string[] = [];
  for (const f of ['PANDUAN.md', 'GUIDE.md']) {
    const text = read(dir, f).toString('utf8');
    for (const k of Object.keys(schema.properties)) if (!text.includes(`| \`${k}\` |`)) out.push(`${f}: no row for schema key '${k}' in the policy reference`);
    for (const [, key] of text.matchAll(/^\| `([A-Za-z0-9_]+)` \| /gm)) {
      if (!schema.properties[key]) out.push(`${f}: the policy reference has a row for '${key}', not in the schema`);
    }
    for (const id of [ids.chromeId, ids.geckoId]) if (!text.includes(id)) out.push(`${f}: does not name ${id}`);
  }
  return out;
}

export function checkPack(dir: string, schema: Schema, ids: Ids): string[] {
  return [
    ...checkJsonAndPlist(dir, schema, ids),
    ...checkReg(dir, schema, ids),
    ...checkAdmx(dir, schema, ids),
    ...checkPs1(dir, schema, ids),
    ...checkGuides(dir, schema, ids),
  ];
}

export function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split('\\').join('/')]))
    .sort();
}
