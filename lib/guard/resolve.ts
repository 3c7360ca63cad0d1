/**
 * Input → what it would do: each kind of input the guard listens for, handed to the
 * matching adapter method. The adapter reads the DOM at this moment (sites recycle rows).
 */
import type { Resolution, SiteAdapter } from '../sites/types';

export type Intent =
  /** A press, click, or Enter/Space on a focused control. */
  | { kind: 'control'; target: Element }
  /** A key that is not on a control: the site's own shortcuts (X's `l`, `r`, `t`). */
  | { kind: 'shortcut'; event: KeyboardEvent }
  /** A double click or double tap (media that likes on it). */
  | { kind: 'double-tap'; target: Element }
  /** Enter in a text field (a comment box that sends on Enter). */
  | { kind: 'send'; target: Element };

export function resolveIntent(adapter: SiteAdapter, intent: Intent, location: Location): Resolution | null {
  switch (intent.kind) {
    case 'control':
      return adapter.resolveControl(intent.target, location);
    case 'shortcut':
      return adapter.resolveShortcut(intent.event, location);
    case 'double-tap':
      return adapter.resolveDoubleTap(intent.target, location);
    case 'send':
      return adapter.resolveSend(intent.target, location);
  }
}
