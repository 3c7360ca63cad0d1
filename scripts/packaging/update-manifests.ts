/**
 * The two self-hosted update manifests:
 * - Chrome/Edge `update.xml` (gupdate protocol 2.0,
 *   https://developer.chrome.com/docs/extensions/how-to/distribute/host-on-linux#update_url):
 *   the browser fetches it from the manifest's `update_url` (after the first install, which
 *   uses the URL in ExtensionInstallForcelist) and installs `codebase` when `version` is newer.
 * - Firefox `updates.json` (https://extensionworkshop.com/documentation/manage/updating-your-extension/):
 *   fetched from `browser_specific_settings.gecko.update_url`; `update_hash` lets Firefox
 *   check the downloaded XPI.
 */

function xmlAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function updateXml(appId: string, version: string, crxUrl: string): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">`,
    `  <app appid="${xmlAttr(appId)}">`,
    `    <updatecheck codebase="${xmlAttr(crxUrl)}" version="${xmlAttr(version)}"/>`,
    `  </app>`,
    `</gupdate>`,
    '',
  ].join('\n');
}

export interface FirefoxUpdate {
  version: string;
  update_link: string;
  /** `sha256:<hex>` of the XPI at update_link. */
  update_hash: string;
}

export function updatesJson(geckoId: string, update: FirefoxUpdate): string {
  return `${JSON.stringify({ addons: { [geckoId]: { updates: [update] } } }, null, 2)}\n`;
}
