// A manager's approval at the counter: which refusals a manager's PIN can lift on the spot, what
// the dialog sends, and which failures it keeps (a wrong PIN: type again) rather than handing
// back to the form (a field of the form itself).
import { BackendError } from './backend';
import type { Approval } from './bindings/Approval';
import type { Permission } from './bindings/Permission';
import { MAX_PIN_DIGITS } from './bindings/lists';

/** The permissions an owner or manager may lend for one act by typing their PIN. */
export const APPROVABLE: readonly Permission[] = ['override_policy', 'approve_goodwill'];

/** The permission a refused call lacks, when an approval on the spot can grant it. */
export function approvalNeeded(e: unknown): Permission | null {
  if (!(e instanceof BackendError) || e.payload.code !== 'forbidden') return null;
  const p = e.payload.detail as Permission | null;
  return p !== null && APPROVABLE.includes(p) ? p : null;
}

/** What the dialog sends, or null while an approver or a PIN of digits is missing. */
export function approvalFrom(approverId: number | null, pin: string): Approval | null {
  if (approverId === null || !/^\d+$/.test(pin) || pin.length > MAX_PIN_DIGITS) return null;
  return { approver_id: approverId, pin };
}

/** Failures the dialog answers itself (the approver's PIN or account): the rest go back to the
 * form, whose fields they name. */
export function failsTheApproval(e: unknown): boolean {
  if (!(e instanceof BackendError)) return false;
  const { code, fields } = e.payload;
  if (['wrong_pin', 'pin_locked', 'account_locked'].includes(code)) return true;
  return code === 'validation' && fields.some((f) => f.field === 'approver');
}
