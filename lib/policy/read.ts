/**
 * Reads managed policy. `storage.managed` is optional and unreliable across browsers:
 * missing altogether (Safari, some Chromium forks), throwing when no policy is set
 * (Firefox: "Managed storage manifest not found"), rejecting in some Chrome builds with
 * the same message. All of these mean "not managed"; none may stop the extension.
 */
import { browser } from '../browser';
import { validatePolicy } from './validate';
import type { PolicyState } from './types';

type ManagedArea = { get?: (keys?: null) => Promise<Record<string, unknown>> };

export async function readManagedPolicy(): Promise<PolicyState> {
  const readAt = Date.now();
  const unmanaged: PolicyState = { managed: false, policy: {}, notes: [], readAt };
  let raw: unknown;
  try {
    const area = (browser.storage as unknown as { managed?: ManagedArea } | undefined)?.managed;
    if (!area || typeof area.get !== 'function') return unmanaged;
    raw = await area.get();
  } catch {
    return unmanaged;
  }
  if (typeof raw !== 'object' || raw === null || Object.keys(raw).length === 0) return unmanaged;
  const { policy, notes } = validatePolicy(raw);
  return { managed: true, policy, notes, readAt };
}
