/** What every format of the admin pack shares: the ids, the browsers and small writers. */
import { createHash } from 'node:crypto';

export interface PackIds {
  /** Chrome/Edge extension id (32 letters a–p). */
  chromeId: string;
  /** Firefox add-on id. */
  geckoId: string;
  /** The Chrome/Edge update manifest (update.xml) for a self-hosted CRX. */
  updateUrl: string;
  /** Where Firefox downloads the signed XPI. */
  xpiUrl: string;
}

export type Policy = Record<string, unknown>;

/** The input cannot be made into a pack; every problem is listed (nothing is written). */
export class PackError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export const CHROME_ID_PATTERN = /^[a-p]{32}$/;
/** An e-mail-like id or a {GUID}: the two forms Firefox accepts for an add-on id. */
export const GECKO_ID_PATTERN = /^(?:[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+|\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\})$/;

/** The Chromium-family browsers the pack writes for: where each reads policy. */
export interface ChromiumBrowser {
  id: 'chrome' | 'edge' | 'chromium';
  name: string;
  /** Under HKLM / HKCU. */
  registryRoot: string;
  /** macOS preference domain of the browser's own policies. */
  macDomain: string;
  linuxDir: string;
  /** The ExtensionSettings field that keeps the toolbar button visible. */
  toolbar: Record<string, string>;
  policyPage: string;
}

export const CHROME: ChromiumBrowser = {
  id: 'chrome',
  name: 'Google Chrome',
  registryRoot: 'SOFTWARE\\Policies\\Google\\Chrome',
  macDomain: 'com.google.Chrome',
  linuxDir: '/etc/opt/chrome/policies/managed',
  // https://support.google.com/chrome/a/answer/9867568 (toolbar_pin)
  toolbar: { toolbar_pin: 'force_pinned' },
  policyPage: 'chrome://policy',
};

export const EDGE: ChromiumBrowser = {
  id: 'edge',
  name: 'Microsoft Edge',
  registryRoot: 'SOFTWARE\\Policies\\Microsoft\\Edge',
  macDomain: 'com.microsoft.Edge',
  linuxDir: '/etc/opt/edge/policies/managed',
  // Edge's own name and value for the same thing (microsoft-edge-manage-extensions-ref-guide).
  toolbar: { toolbar_state: 'force_shown' },
  policyPage: 'edge://policy',
};

export const CHROMIUM: ChromiumBrowser = {
  id: 'chromium',
  name: 'Chromium',
  registryRoot: 'SOFTWARE\\Policies\\Chromium',
  macDomain: 'org.chromium.Chromium',
  linuxDir: '/etc/chromium/policies/managed',
  toolbar: { toolbar_pin: 'force_pinned' },
  policyPage: 'chrome://policy',
};

export const FIREFOX_REGISTRY_ROOT = 'SOFTWARE\\Policies\\Mozilla\\Firefox';

/** Where a Chromium browser reads the extension's policy in the registry. */
export function chromiumPolicyKey(b: ChromiumBrowser, ids: PackIds): string {
  return `${b.registryRoot}\\3rdparty\\extensions\\${ids.chromeId}\\policy`;
}

/** Where Firefox reads it (WindowsGPOParser: `3rdparty` → `Extensions` → add-on id). */
export function firefoxPolicyKey(ids: PackIds): string {
  return `${FIREFOX_REGISTRY_ROOT}\\3rdparty\\Extensions\\${ids.geckoId}`;
}

/** ExtensionSettings for a Chromium browser: force install from the update URL, toolbar visible. */
export function chromiumExtensionSettings(b: ChromiumBrowser, ids: PackIds): Record<string, unknown> {
  return { [ids.chromeId]: { installation_mode: 'force_installed', update_url: ids.updateUrl, ...b.toolbar } };
}

/** The older, simpler alternative: one `id;update URL` line. */
export function forcelistEntry(ids: PackIds): string {
  return `${ids.chromeId};${ids.updateUrl}`;
}

/** Firefox ExtensionSettings: force install from the XPI URL, button in the toolbar. */
export function firefoxExtensionSettings(ids: PackIds): Record<string, unknown> {
  return { [ids.geckoId]: { installation_mode: 'force_installed', install_url: ids.xpiUrl, default_area: 'navbar' } };
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Stable JSON for files people read: two-space indent, final newline. */
export function jsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * A name-based UUID (RFC 4122 version 5, SHA-1): the same name always gives the same UUID,
 * so regenerating the macOS profile does not make MDM see a new profile.
 */
export function uuidV5(name: string): string {
  // A fixed namespace for the Jaga Netral admin pack (itself a random v4 UUID).
  const ns = Buffer.from('6f1c2b7e4a9d4c3e8b5a0d2f9e7c1a34', 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex').toUpperCase();
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
