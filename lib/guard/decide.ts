/**
 * The synchronous decision: given what the adapter read from the DOM, is this a guarded
 * action on a listed account, and in which mode? Pure: no DOM, no messages.
 */
import type { Hit, ListIndex } from '../accounts/shard-index';
import type { Action, Mode } from '../model';
import { isSiteGuarded, modeFor } from '../policy/effective';
import type { EffectiveConfig } from '../policy/types';
import type { Identity, Resolution } from '../sites/types';

/** The guard's verdict on one input (not to be confused with the user's choice in the warning). */
export interface GuardDecision {
  action: Action;
  mode: Exclude<Mode, 'off'>;
  hit: Hit;
  identity: Identity;
  control: Element;
}

/** Identities remembered from the last control that opened a menu (X repost, FB reactions). */
export interface MenuContext {
  identities: Identity[];
  at: number;
}
export const MENU_CONTEXT_MS = 60_000;

/** One pass for an action whose replay was impossible (the control was gone): the user's next try. */
export interface Allowance {
  entryId: string;
  action: string;
  until: number;
}
export const ALLOWANCE_MS = 30_000;

/**
 * `accept`: false for a hit known to be a fingerprint collision (its subject's keys are in
 * memory and do not hold the page's key), so the next identity or key is tried instead.
 */
export function decide(
  res: Resolution,
  config: EffectiveConfig,
  index: ListIndex,
  menu: MenuContext | null,
  now: number,
  accept?: (hit: Hit) => boolean,
): GuardDecision | null {
  if (res.type === 'menu') return null;
  if (!isSiteGuarded(config, index.platform)) return null;
  const identities = res.type === 'menu-commit' ? (menu && now - menu.at <= MENU_CONTEXT_MS ? menu.identities : []) : res.identities;
  const mode = modeFor(config, res.action);
  if (mode === 'off') return null;
  for (const identity of identities) {
    const hit = index.match(identity.keys, now, accept);
    if (hit) return { action: res.action, mode, hit, identity, control: res.control };
  }
  return null;
}

/** Whether `d` is the action an allowance lets through once. */
export function allowed(d: GuardDecision, allowance: Allowance | null, now: number): boolean {
  return !!allowance && allowance.entryId === d.hit.entryId && allowance.action === d.action && allowance.until >= now;
}
