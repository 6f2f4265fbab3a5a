// What the PIN fields of the staff page say and how an account's lock reads there. The core
// decides every rule (lengths, locks); these only choose the words.
import { MIN_PIN_DIGITS } from './bindings/lists';
import type { Role } from './bindings/Role';
import type { StaffView } from './bindings/StaffView';
import type { MessageKey } from './i18n/index.svelte';

/** Whether the role needs more digits than the fewest any role may have (the core's rule). */
export function strongPin(role: Role | null): boolean {
  return role !== null && MIN_PIN_DIGITS[role] > Math.min(...Object.values(MIN_PIN_DIGITS));
}

/** The label of a new account's PIN field. */
export function pinLabel(role: Role | null): MessageKey {
  return strongPin(role) ? 'staff.pinStrong' : 'staff.pin';
}

/** The label of the PIN field when editing an account that had the role `before`. A staff
 * member promoted to manager or owner must get a new PIN in the same edit. */
export function newPinLabel(before: Role, after: Role | null): MessageKey {
  if (!strongPin(after)) return 'staff.newPin';
  return before === 'staff' ? 'staff.newPinPromotion' : 'staff.newPinStrong';
}

export type LockState = 'none' | 'timed' | 'for_good';

/** Whether the account is locked for wrong PINs at `now` (ms), and how. */
export function lockState(s: StaffView, now: number): LockState {
  if (s.needs_unlock) return 'for_good';
  if (s.locked_until !== null && Date.parse(s.locked_until) > now) return 'timed';
  return 'none';
}
