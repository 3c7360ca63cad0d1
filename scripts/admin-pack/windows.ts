/**
 * Windows: ADMX/ADML templates, .reg examples and the Intune script for Edge.
 *
 * How each browser reads extension policy from the registry (checked against the sources):
 * - Chrome and Edge (components/policy/core/common/registry_dict.cc): REG_SZ and REG_DWORD
 *   only (REG_MULTI_SZ is ignored). Values are converted by the extension's schema: a DWORD
 *   becomes a boolean (≠ 0) where the schema wants one; a list is a subkey whose values are
 *   named 1, 2, 3…; a list or an object may also be a REG_SZ holding JSON.
 * - Firefox (WindowsGPOParser.sys.mjs): no schema. A DWORD arrives as a number (so a
 *   boolean is 1/0, which the extension accepts); a key whose first value is named "1" is an
 *   array; REG_MULTI_SZ is parsed as JSON (its strings joined by line breaks); subkeys are
 *   objects.
 * So: booleans and integers are DWORDs, strings REG_SZ, lists of strings a numbered subkey
 * (what an ADMX <list> writes), other arrays and objects JSON (REG_SZ for Chrome/Edge,
 * REG_MULTI_SZ for Firefox so the ADMX can offer a multi-line box).
 */
import { CHROME, EDGE, chromiumPolicyKey, firefoxPolicyKey, PackError, xmlEscape } from './common';
import type { ChromiumBrowser, PackIds, Policy } from './common';
import { enumLabel, nodeTexts } from './i18n';
import type { Lang, Translations } from './i18n';
import type { PolicyDef } from './schema';
import { DEFAULTS } from '../../lib/policy/effective';

/** The extension's own default for a key, where it has one (preselected in the editor). */
function defaultOf(key: string): unknown {
  return (DEFAULTS as Record<string, unknown>)[key];
}

export type RegType = 'REG_SZ' | 'REG_DWORD' | 'REG_MULTI_SZ';
export interface RegValue {
  name: string;
  type: RegType;
  data: string | number | string[];
}
export interface RegKey {
  /** Relative to HKEY_LOCAL_MACHINE. */
  path: string;
  values: RegValue[];
}
export type Flavor = 'chromium' | 'firefox';

/** Maximum length GP editors accept in a JSON box (50 local clauses fit comfortably). */
const JSON_MAX_LENGTH = 262144;
const TEXT_MAX_LENGTH = 4096;
const INT32_MAX = 2147483647;

/** The registry keys and values that encode `policy` under `base` for one browser family. */
export function policyRegistry(defs: PolicyDef[], policy: Policy, base: string, flavor: Flavor): RegKey[] {
  const main: RegKey = { path: base, values: [] };
  const lists: RegKey[] = [];
  for (const d of defs) {
    const v = policy[d.key];
    if (v === undefined) continue;
    switch (d.kind) {
      case 'boolean':
        main.values.push({ name: d.key, type: 'REG_DWORD', data: v === true ? 1 : 0 });
        break;
      case 'integer':
        main.values.push({ name: d.key, type: 'REG_DWORD', data: v as number });
        break;
      case 'enum':
      case 'string':
        main.values.push({ name: d.key, type: 'REG_SZ', data: String(v) });
        break;
      case 'list':
        lists.push({
          path: `${base}\\${d.key}`,
          values: (v as unknown[]).map((item, i) => ({ name: String(i + 1), type: 'REG_SZ', data: String(item) })),
        });
        break;
      case 'json':
        main.values.push(
          flavor === 'chromium'
            ? { name: d.key, type: 'REG_SZ', data: JSON.stringify(v) }
            : { name: d.key, type: 'REG_MULTI_SZ', data: JSON.stringify(v, null, 2).split('\n') },
        );
        break;
    }
  }
  return [main, ...lists];
}

// ---------------------------------------------------------------------------------------
// .reg files

function regString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** hex(7): UTF-16LE strings, each ended by a NUL, then a final NUL; wrapped as regedit does. */
function regMultiSz(name: string, lines: string[]): string {
  const bytes = Buffer.from(`${lines.join('\0')}\0\0`, 'utf16le');
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
  const out: string[] = [];
  let line = `${regString(name)}=hex(7):`;
  hex.forEach((h, i) => {
    const piece = i < hex.length - 1 ? `${h},` : h;
    if (line.length + piece.length > 77) {
      out.push(`${line}\\`);
      line = '  ';
    }
    line += piece;
  });
  out.push(line);
  return out.join('\r\n');
}

function regValueLine(v: RegValue): string {
  switch (v.type) {
    case 'REG_SZ':
      if (/[\r\n]/.test(v.data as string)) throw new PackError([`value ${v.name}: a line break cannot be written as REG_SZ in a .reg file`]);
      return `${regString(v.name)}=${regString(v.data as string)}`;
    case 'REG_DWORD':
      return `${regString(v.name)}=dword:${((v.data as number) >>> 0).toString(16).padStart(8, '0')}`;
    case 'REG_MULTI_SZ':
      return regMultiSz(v.name, v.data as string[]);
  }
}

export interface RegSection {
  /** Keys deleted before writing (a clean, repeatable import). */
  remove?: string[];
  keys: RegKey[];
}

/**
 * A file regedit imports ("Windows Registry Editor Version 5.00"): UTF-16LE with a byte
 * order mark and CRLF line ends, as regedit itself exports.
 */
export function regFile(comment: string[], sections: RegSection[]): Buffer {
  const lines = ['Windows Registry Editor Version 5.00', ''];
  for (const c of comment) lines.push(c ? `; ${c}` : ';');
  for (const s of sections) {
    for (const r of s.remove ?? []) lines.push('', `[-HKEY_LOCAL_MACHINE\\${r}]`);
    for (const k of s.keys) {
      lines.push('', `[HKEY_LOCAL_MACHINE\\${k.path}]`);
      for (const v of k.values) lines.push(regValueLine(v));
    }
  }
  lines.push('', '');
  return Buffer.from(`\ufeff${lines.join('\r\n')}`, 'utf16le');
}

// ---------------------------------------------------------------------------------------
// ADMX / ADML

export interface AdmxTarget {
  id: 'chrome' | 'edge' | 'firefox';
  /** File name without extension, the same for the .admx and its .adml files. */
  file: string;
  browserName: string;
  namespace: string;
  prefix: string;
  policyKey: string;
  flavor: Flavor;
}

export function admxTargets(ids: PackIds): AdmxTarget[] {
  const chromium = (b: ChromiumBrowser, id: 'chrome' | 'edge'): AdmxTarget => ({
    id,
    file: `jaga-netral-${id}`,
    browserName: b.name,
    namespace: `JagaNetral.Policies.${id === 'chrome' ? 'Chrome' : 'Edge'}`,
    prefix: `jaganetral_${id}`,
    policyKey: chromiumPolicyKey(b, ids),
    flavor: 'chromium',
  });
  return [
    chromium(CHROME, 'chrome'),
    chromium(EDGE, 'edge'),
    {
      id: 'firefox',
      file: 'jaga-netral-firefox',
      browserName: 'Mozilla Firefox',
      namespace: 'JagaNetral.Policies.Firefox',
      prefix: 'jaganetral_firefox',
      policyKey: firefoxPolicyKey(ids),
      flavor: 'firefox',
    },
  ];
}

/** ADML string ids allow letters, digits, '_' and '.'; enum values may hold '-'. */
function stringId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_.]/g, '_')).join('_');
}

function enumStringIds(d: PolicyDef): Array<{ value: string | number; id: string }> {
  const seen = new Set<string>();
  return (d.node.enum ?? []).map((value) => {
    const id = stringId(d.key, String(value));
    if (seen.has(id)) throw new PackError([`${d.key}: two values give the same ADML string id ${id}`]);
    seen.add(id);
    return { value, id };
  });
}

function admxElement(d: PolicyDef, t: AdmxTarget): string | null {
  const id = xmlEscape(d.key);
  switch (d.kind) {
    case 'boolean':
      return null;
    case 'integer': {
      // <decimal> is unsigned 32-bit; the schema's bounds narrow it.
      const min = Math.max(0, d.node.minimum ?? 0);
      const max = Math.min(INT32_MAX, d.node.maximum ?? INT32_MAX);
      return `<decimal id="${id}" valueName="${id}" minValue="${min}" maxValue="${max}" required="true"/>`;
    }
    case 'enum': {
      const items = enumStringIds(d).map(({ value, id: sid }) => {
        const v = typeof value === 'number' ? `<decimal value="${value}"/>` : `<string>${xmlEscape(value)}</string>`;
        return `          <item displayName="$(string.${sid})"><value>${v}</value></item>`;
      });
      return [`<enum id="${id}" valueName="${id}" required="true">`, ...items, '        </enum>'].join('\n');
    }
    case 'string':
      return `<text id="${id}" valueName="${id}" maxLength="${TEXT_MAX_LENGTH}" required="true"/>`;
    case 'list':
      // valuePrefix="" names the values 1, 2, 3…: an array to Chrome, Edge and Firefox.
      return `<list id="${id}" key="${xmlEscape(`${t.policyKey}\\${d.key}`)}" valuePrefix=""/>`;
    case 'json':
      return t.flavor === 'firefox'
        ? `<multiText id="${id}" valueName="${id}" maxLength="${JSON_MAX_LENGTH}" required="true"/>`
        : `<text id="${id}" valueName="${id}" maxLength="${JSON_MAX_LENGTH}" required="true"/>`;
  }
}

const HEADER = (what: string) =>
  `<!-- ${what} Generated by scripts/admin-pack.ts from public/managed_schema.json (npm run admin-pack); edit those, not this file. -->`;

export function admx(t: AdmxTarget, defs: PolicyDef[]): string {
  const policies = defs.map((d) => {
    const name = xmlEscape(d.key);
    const common = `name="${name}" class="Machine" displayName="$(string.${stringId(d.key)})" explainText="$(string.${stringId(d.key, 'Explain')})"`;
    const key = `key="${xmlEscape(t.policyKey)}"`;
    const head = [`      <parentCategory ref="JagaNetral"/>`, `      <supportedOn ref="SUPPORTED_JagaNetral"/>`];
    if (d.kind === 'boolean') {
      return [
        `    <policy ${common} ${key} valueName="${name}">`,
        ...head,
        `      <enabledValue><decimal value="1"/></enabledValue>`,
        `      <disabledValue><decimal value="0"/></disabledValue>`,
        `    </policy>`,
      ].join('\n');
    }
    return [
      `    <policy ${common} presentation="$(presentation.${stringId(d.key)})" ${key}>`,
      ...head,
      `      <elements>`,
      `        ${admxElement(d, t)}`,
      `      </elements>`,
      `    </policy>`,
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    HEADER(`Jaga Netral: policy template for ${t.browserName}.`),
    '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <policyNamespaces>',
    `    <target prefix="${t.prefix}" namespace="${t.namespace}"/>`,
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0"/>',
    '  <supportedOn>',
    '    <definitions>',
    '      <definition name="SUPPORTED_JagaNetral" displayName="$(string.SUPPORTED_JagaNetral)"/>',
    '    </definitions>',
    '  </supportedOn>',
    '  <categories>',
    '    <category name="JagaNetral" displayName="$(string.JagaNetral)"/>',
    '  </categories>',
    '  <policies>',
    ...policies,
    '  </policies>',
    '</policyDefinitions>',
    '',
  ].join('\n');
}

const UI: Record<Lang, Record<string, string>> = {
  en: {
    supported: 'with the Jaga Netral extension installed',
    displayName: 'Jaga Netral policy for',
    description: 'Managed settings of the Jaga Netral extension (ASN neutrality guardrail).',
    list: 'Enter one value per line (the "Show…" button).',
    json: 'Enter JSON on one line.',
    jsonMulti: 'Enter JSON; it may span several lines.',
    example: 'Example:',
    boolean: 'Enabled = true, Disabled = false, Not Configured = not set by policy.',
    registry: 'Registry',
    value: 'value',
    subkey: 'subkey with values 1, 2, 3…',
    json_sz: 'REG_SZ holding JSON',
    json_multi: 'REG_MULTI_SZ holding JSON',
  },
  id: {
    supported: 'dengan ekstensi Jaga Netral terpasang',
    displayName: 'Kebijakan Jaga Netral untuk',
    description: 'Pengaturan terkelola ekstensi Jaga Netral (pengingat netralitas ASN).',
    list: 'Isi satu nilai per baris (tombol "Show…").',
    json: 'Isi dengan JSON dalam satu baris.',
    jsonMulti: 'Isi dengan JSON; boleh lebih dari satu baris.',
    example: 'Contoh:',
    boolean: 'Enabled (diaktifkan) = true, Disabled (dinonaktifkan) = false, Not Configured = tidak diatur kebijakan.',
    registry: 'Registri',
    value: 'nilai',
    subkey: 'subkunci dengan nilai 1, 2, 3…',
    json_sz: 'REG_SZ berisi JSON',
    json_multi: 'REG_MULTI_SZ berisi JSON',
  },
};

function registryNote(d: PolicyDef, t: AdmxTarget, lang: Lang): string {
  const ui = UI[lang];
  const type =
    d.kind === 'boolean' || d.kind === 'integer'
      ? 'REG_DWORD'
      : d.kind === 'list'
        ? ui.subkey
        : d.kind === 'json'
          ? t.flavor === 'firefox' ? ui.json_multi : ui.json_sz
          : 'REG_SZ';
  return `${ui.registry}: HKLM\\${t.policyKey}, ${ui.value} "${d.key}" (${type}).`;
}

export function adml(t: AdmxTarget, defs: PolicyDef[], lang: Lang, tr: Translations, example: Policy): string {
  const ui = UI[lang];
  const strings: Array<[string, string]> = [
    ['SUPPORTED_JagaNetral', `${t.browserName} ${ui.supported}`],
    ['JagaNetral', `Jaga Netral (${t.browserName})`],
  ];
  const presentations: string[] = [];
  for (const d of defs) {
    const texts = nodeTexts(lang, d.key, d.node, tr);
    const explain = [texts.description];
    if (d.kind === 'boolean') explain.push(ui.boolean);
    if (d.kind === 'list') explain.push(ui.list);
    if (d.kind === 'json') {
      explain.push(t.flavor === 'firefox' ? ui.jsonMulti : ui.json);
      if (example[d.key] !== undefined) explain.push(`${ui.example} ${JSON.stringify(example[d.key])}`);
    }
    explain.push(registryNote(d, t, lang));
    strings.push([stringId(d.key), texts.title], [stringId(d.key, 'Explain'), explain.join('\n\n')]);
    if (d.kind === 'enum') {
      for (const { value, id } of enumStringIds(d)) {
        const label = enumLabel(lang, d.key, value, tr);
        strings.push([id, label === String(value) ? label : `${value}: ${label}`]);
      }
    }
    const label = xmlEscape(texts.title);
    const ref = xmlEscape(d.key);
    let control: string | null = null;
    switch (d.kind) {
      case 'boolean':
        break;
      case 'integer': {
        const def = defaultOf(d.key);
        const attr = Number.isInteger(def) && (def as number) >= 0 ? ` defaultValue="${def}"` : '';
        control = `<decimalTextBox refId="${ref}"${attr}>${label}</decimalTextBox>`;
        break;
      }
      case 'enum': {
        // Without defaultItem the editor preselects the first value ('off' for mode).
        const i = (d.node.enum ?? []).indexOf(defaultOf(d.key) as string | number);
        control = `<dropdownList refId="${ref}" noSort="true"${i >= 0 ? ` defaultItem="${i}"` : ''}>${label}</dropdownList>`;
        break;
      }
      case 'string':
        control = `<textBox refId="${ref}"><label>${label}</label></textBox>`;
        break;
      case 'list':
        control = `<listBox refId="${ref}">${label}</listBox>`;
        break;
      case 'json':
        control =
          t.flavor === 'firefox'
            ? `<multiTextBox refId="${ref}" defaultHeight="8">${label}</multiTextBox>`
            : `<textBox refId="${ref}"><label>${label}</label></textBox>`;
        break;
    }
    if (control) presentations.push(`      <presentation id="${xmlEscape(stringId(d.key))}">\n        ${control}\n      </presentation>`);
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    HEADER(`Jaga Netral: ${lang === 'id' ? 'id-ID' : 'en-US'} texts for ${t.file}.admx.`),
    '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    `  <displayName>${xmlEscape(`${ui.displayName} ${t.browserName}`)}</displayName>`,
    `  <description>${xmlEscape(ui.description)}</description>`,
    '  <resources>',
    '    <stringTable>',
    ...strings.map(([id, text]) => `      <string id="${xmlEscape(id)}">${xmlEscape(text)}</string>`),
    '    </stringTable>',
    '    <presentationTable>',
    ...presentations,
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------
// PowerShell for Intune (Edge)

/** A PowerShell single-quoted string: only ' needs escaping (doubled). */
function psString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const PS_RESERVED = new Set(['remove', 'forceinstall', 'updateurl', 'extensionid']);

/**
 * The script Intune runs on each device to write the extension's policy under Edge's key:
 * Intune's custom ADMX ingestion refuses any policy under Software\Policies\Microsoft (see
 * GUIDE.md), so Edge's 3rd-party extension policy cannot come from an imported ADMX.
 * Settings are parameters with the example values as defaults, so an admin edits the top of
 * the file (Intune runs scripts without arguments).
 */
export function edgeIntuneScript(defs: PolicyDef[], policy: Policy, ids: PackIds): Buffer {
  const params: string[] = [];
  const settings: string[] = [];
  for (const d of defs) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(d.key) || PS_RESERVED.has(d.key.toLowerCase())) {
      throw new PackError([`policy key '${d.key}' cannot be a PowerShell parameter name`]);
    }
    const v = policy[d.key];
    const title = d.node.title ?? d.key;
    let decl: string;
    let kind: string;
    switch (d.kind) {
      case 'boolean':
        decl = `[Nullable[bool]] $${d.key} = ${v === undefined ? '$null' : v === true ? '$true' : '$false'}`;
        kind = 'DWord';
        break;
      case 'integer':
        decl = `[Nullable[long]] $${d.key} = ${v === undefined ? '$null' : String(v)}`;
        kind = 'DWord';
        break;
      case 'enum':
        // Case-sensitive: Edge checks the value against the schema's enum as written.
        decl = `[ValidateSet(${['', ...(d.node.enum ?? []).map(String)].map(psString).join(', ')}, IgnoreCase = $false)] [string] $${d.key} = ${psString(v === undefined ? '' : String(v))}`;
        kind = 'String';
        break;
      case 'string':
        decl = `[string] $${d.key} = ${psString(v === undefined ? '' : String(v))}`;
        kind = 'String';
        break;
      case 'list':
        decl = `[string[]] $${d.key} = @(${((v as unknown[] | undefined) ?? []).map((x) => psString(String(x))).join(', ')})`;
        kind = 'List';
        break;
      case 'json':
        decl = `[string] $${d.key} = ${psString(v === undefined ? '' : JSON.stringify(v))}`;
        kind = 'Json';
        break;
    }
    params.push(`    # ${title} (${kind === 'Json' ? 'JSON' : kind === 'List' ? 'list' : d.node.type})`, `    ${decl},`, '');
    const bounds: string[] = [];
    if (d.kind === 'integer') {
      if (d.node.minimum !== undefined) bounds.push(`Min = ${d.node.minimum}`);
      if (d.node.maximum !== undefined) bounds.push(`Max = ${d.node.maximum}`);
    }
    settings.push(`    ${d.key} = @{ Kind = '${kind}'; Value = $${d.key}${bounds.map((b) => `; ${b}`).join('')} }`);
  }
  const text = `<#
.SYNOPSIS
    Jaga Netral: writes the extension's managed policy for Microsoft Edge (for Intune).
    Jaga Netral: menulis kebijakan terkelola ekstensi untuk Microsoft Edge (untuk Intune).

.DESCRIPTION
    Edge reads the extension's policy from
      HKLM\\${chromiumPolicyKey(EDGE, ids)}
    Intune's custom ADMX ingestion cannot write under Software\\Policies\\Microsoft, so this
    script writes the values instead. Run it in Intune (Devices > Scripts and remediations >
    Platform scripts) as SYSTEM, with "Run script in 64 bit PowerShell Host" = Yes.
    Edit the values below (Intune passes no arguments). An empty value ('' / @() / $null)
    leaves that setting unset.

    Idempotent: running it again with the same values changes nothing; a value that is no
    longer set, or one this script does not know, is removed from the key (the key belongs
    to the extension's policy alone). -Remove deletes the whole policy.
    -ForceInstall also adds the extension to Edge's ExtensionInstallForcelist (or use the
    built-in Edge settings in Intune's settings catalog, which can also pin it: GUIDE.md).

    Skrip ini menulis kebijakan ekstensi di bawah kunci Edge karena impor ADMX kustom Intune
    tidak dapat menulis di Software\\Policies\\Microsoft. Ubah nilai di bawah ini; nilai kosong
    berarti tidak diatur. Menjalankannya berulang kali aman. Lihat PANDUAN.md.

    Generated by scripts/admin-pack.ts from public/managed_schema.json (npm run admin-pack).

.NOTES
    Exit code: 0 done, 1 a value is invalid (nothing was written) or writing failed.
#>
param(
${params.join('\n')}
    # Delete the extension's whole Edge policy instead of writing it.
    [switch] $Remove,

    # Also add the extension to ExtensionInstallForcelist with this update URL.
    [switch] $ForceInstall,
    [string] $UpdateUrl = ${psString(ids.updateUrl)}
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0

$ExtensionId = ${psString(ids.chromeId)}
$PolicyKeyPath = ${psString(chromiumPolicyKey(EDGE, ids))}
$ForcelistKeyPath = ${psString(`${EDGE.registryRoot}\\ExtensionInstallForcelist`)}

# How Edge reads each setting: String = REG_SZ; DWord = REG_DWORD (booleans 1/0);
# List = a subkey whose values 1, 2, 3... hold the items; Json = REG_SZ holding JSON.
$Settings = [ordered]@{
${settings.join('\n')}
}

function Test-Unset($Value) {
    if ($null -eq $Value) { return $true }
    if ($Value -is [string]) { return $Value.Trim() -eq '' }
    if ($Value -is [array]) { return @($Value | Where-Object { "$_".Trim() -ne '' }).Count -eq 0 }
    return $false
}

# Check every value first: nothing is written when one of them is wrong.
$problems = @()
foreach ($name in $Settings.Keys) {
    $s = $Settings[$name]
    if (Test-Unset $s.Value) { continue }
    if ($s.Kind -eq 'DWord' -and $s.Value -isnot [bool]) {
        if ($s.Contains('Min') -and $s.Value -lt $s.Min) { $problems += "$name must be at least $($s.Min) (got $($s.Value))" }
        if ($s.Contains('Max') -and $s.Value -gt $s.Max) { $problems += "$name must be at most $($s.Max) (got $($s.Value))" }
    }
    if ($s.Kind -eq 'Json') {
        try { $null = ConvertFrom-Json -InputObject $s.Value }
        catch { $problems += "$name is not valid JSON: $($_.Exception.Message)" }
    }
}
if ($ForceInstall -and $UpdateUrl -notmatch '^https?://') { $problems += "UpdateUrl must be an http(s) URL (got '$UpdateUrl')" }
if ($problems.Count -gt 0) {
    foreach ($p in $problems) { [Console]::Error.WriteLine("Jaga Netral: $p") }
    exit 1
}

# The 64-bit registry view even when Intune starts a 32-bit PowerShell.
$hklm = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)

function Set-IfChanged($Key, [string] $Name, $Data, [Microsoft.Win32.RegistryValueKind] $Type) {
    $current = $Key.GetValue($Name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    # -ceq: a value that differs only in case ('Warn' for 'warn') is a change.
    if ($null -ne $current -and $Key.GetValueKind($Name) -eq $Type -and "$current" -ceq "$Data") {
        Write-Output "unchanged: $Name"
        return
    }
    $Key.SetValue($Name, $Data, $Type)
    Write-Output "set: $Name"
}

try {
    if ($Remove) {
        $hklm.DeleteSubKeyTree($PolicyKeyPath, $false)
        Write-Output "removed: HKLM\\$PolicyKeyPath"
        exit 0
    }

    $key = $hklm.CreateSubKey($PolicyKeyPath)
    foreach ($name in $Settings.Keys) {
        $s = $Settings[$name]
        if (Test-Unset $s.Value) { continue }
        switch ($s.Kind) {
            'String' { Set-IfChanged $key $name (([string] $s.Value).Trim()) ([Microsoft.Win32.RegistryValueKind]::String) }
            'Json' { Set-IfChanged $key $name (([string] $s.Value).Trim()) ([Microsoft.Win32.RegistryValueKind]::String) }
            # [int] $true is 1 and [int] $false is 0.
            'DWord' { Set-IfChanged $key $name ([int] $s.Value) ([Microsoft.Win32.RegistryValueKind]::DWord) }
            'List' {
                $items = @($s.Value | ForEach-Object { "$_".Trim() } | Where-Object { $_ -ne '' })
                $sub = $key.OpenSubKey($name)
                $same = $false
                if ($null -ne $sub) {
                    $names = @($sub.GetValueNames())
                    $same = $names.Count -eq $items.Count
                    for ($i = 0; $same -and $i -lt $items.Count; $i++) {
                        $same = ("$($sub.GetValue([string] ($i + 1)))" -ceq $items[$i])
                    }
                    $sub.Close()
                }
                if ($same) {
                    Write-Output "unchanged: $name"
                } else {
                    $key.DeleteSubKeyTree($name, $false)
                    $sub = $key.CreateSubKey($name)
                    for ($i = 0; $i -lt $items.Count; $i++) { $sub.SetValue([string] ($i + 1), $items[$i], [Microsoft.Win32.RegistryValueKind]::String) }
                    $sub.Close()
                    Write-Output "set: $name ($($items.Count) items)"
                }
            }
        }
    }

    # Whatever is not set above does not belong here (an unset value, an older key).
    foreach ($name in @($key.GetValueNames())) {
        if (-not $Settings.Contains($name) -or $Settings[$name].Kind -eq 'List' -or (Test-Unset $Settings[$name].Value)) {
            $key.DeleteValue($name)
            Write-Output "removed: $name"
        }
    }
    foreach ($name in @($key.GetSubKeyNames())) {
        if (-not $Settings.Contains($name) -or $Settings[$name].Kind -ne 'List' -or (Test-Unset $Settings[$name].Value)) {
            $key.DeleteSubKeyTree($name)
            Write-Output "removed: $name\\"
        }
    }
    $key.Close()

    if ($ForceInstall) {
        $entry = "$ExtensionId;$UpdateUrl"
        $fl = $hklm.CreateSubKey($ForcelistKeyPath)
        $mine = @($fl.GetValueNames() | Where-Object { ("$($fl.GetValue($_))" -split ';')[0] -eq $ExtensionId })
        if ($mine.Count -eq 0) {
            $n = 1
            while (@($fl.GetValueNames()) -contains [string] $n) { $n++ }
            $fl.SetValue([string] $n, $entry, [Microsoft.Win32.RegistryValueKind]::String)
            Write-Output "set: ExtensionInstallForcelist\\$n"
        } else {
            Set-IfChanged $fl $mine[0] $entry ([Microsoft.Win32.RegistryValueKind]::String)
            foreach ($extra in ($mine | Select-Object -Skip 1)) { $fl.DeleteValue($extra) }
        }
        $fl.Close()
    }
    exit 0
} catch {
    [Console]::Error.WriteLine("Jaga Netral: $($_.Exception.Message)")
    exit 1
}
`;
  // Windows PowerShell 5.1 reads a file without a byte order mark as ANSI: keep the BOM.
  return Buffer.from(`\ufeff${text.replace(/\r?\n/g, '\r\n')}`, 'utf8');
}
