/**
 * macOS: one configuration profile (.mobileconfig) for an MDM (Jamf, Intune, Kandji…).
 * - Chrome reads an extension's policy from the preference domain
 *   `com.google.Chrome.extensions.<extension id>`, Edge from
 *   `com.microsoft.Edge.extensions.<extension id>` (not from a `3rdparty` key, which only
 *   Windows, Linux and the Admin console use).
 * - The force install (ExtensionSettings) goes to the browsers' own domains.
 * - Firefox reads `org.mozilla.firefox` when `EnterprisePoliciesEnabled` is true; the
 *   extension's policy is `3rdparty` → `Extensions` → add-on id, as in policies.json.
 * Payload UUIDs are derived from the ids, so regenerating gives the same profile.
 */
import { CHROME, EDGE, chromiumExtensionSettings, firefoxExtensionSettings, PackError, uuidV5, xmlEscape } from './common';
import type { PackIds, Policy } from './common';

function plistValue(v: unknown, indent: string): string[] {
  if (typeof v === 'string') return [`${indent}<string>${xmlEscape(v)}</string>`];
  if (typeof v === 'boolean') return [`${indent}<${v}/>`];
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return [`${indent}<real>${v}</real>`];
    return [`${indent}<integer>${v}</integer>`];
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return [`${indent}<array/>`];
    return [`${indent}<array>`, ...v.flatMap((x) => plistValue(x, `${indent}  `)), `${indent}</array>`];
  }
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v);
    if (entries.length === 0) return [`${indent}<dict/>`];
    return [
      `${indent}<dict>`,
      ...entries.flatMap(([k, x]) => [`${indent}  <key>${xmlEscape(k)}</key>`, ...plistValue(x, `${indent}  `)]),
      `${indent}</dict>`,
    ];
  }
  throw new PackError([`cannot write ${JSON.stringify(v)} in a property list`]);
}

const PROFILE_ID = 'id.jaganetral.profile';

export function mobileconfig(policy: Policy, ids: PackIds): string {
  for (const key of Object.keys(policy)) {
    if (key.startsWith('Payload')) throw new PackError([`policy key '${key}' would clash with a configuration profile key`]);
  }
  const payload = (type: string, name: string, content: Record<string, unknown>) => ({
    PayloadType: type,
    PayloadIdentifier: `${PROFILE_ID}.${type}`,
    PayloadUUID: uuidV5(`payload:${type}`),
    PayloadVersion: 1,
    PayloadDisplayName: name,
    PayloadEnabled: true,
    ...content,
  });
  const org = (policy.organization as { name?: unknown } | undefined)?.name;
  const profile = {
    PayloadType: 'Configuration',
    PayloadIdentifier: PROFILE_ID,
    PayloadUUID: uuidV5(`profile:${ids.chromeId}:${ids.geckoId}`),
    PayloadVersion: 1,
    PayloadScope: 'System',
    PayloadDisplayName: 'Jaga Netral',
    ...(typeof org === 'string' ? { PayloadOrganization: org } : {}),
    PayloadDescription:
      'Kebijakan dan pemasangan paksa ekstensi Jaga Netral untuk Google Chrome, Microsoft Edge dan Mozilla Firefox. / ' +
      'Policy and force install of the Jaga Netral extension for Google Chrome, Microsoft Edge and Mozilla Firefox.',
    PayloadContent: [
      payload(`${CHROME.macDomain}.extensions.${ids.chromeId}`, 'Jaga Netral: kebijakan ekstensi (Google Chrome)', policy),
      payload(`${EDGE.macDomain}.extensions.${ids.chromeId}`, 'Jaga Netral: kebijakan ekstensi (Microsoft Edge)', policy),
      payload(CHROME.macDomain, 'Jaga Netral: pemasangan paksa (Google Chrome)', {
        ExtensionSettings: chromiumExtensionSettings(CHROME, ids),
      }),
      payload(EDGE.macDomain, 'Jaga Netral: pemasangan paksa (Microsoft Edge)', {
        ExtensionSettings: chromiumExtensionSettings(EDGE, ids),
      }),
      payload('org.mozilla.firefox', 'Jaga Netral (Mozilla Firefox)', {
        EnterprisePoliciesEnabled: true,
        '3rdparty': { Extensions: { [ids.geckoId]: policy } },
        ExtensionSettings: firefoxExtensionSettings(ids),
      }),
    ],
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    ...plistValue(profile, ''),
    '</plist>',
    '',
  ].join('\n');
}
