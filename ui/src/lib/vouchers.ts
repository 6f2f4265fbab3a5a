// The vouchers screen's rules: how a voucher's discount and uses read, which ones a filter
// keeps, and a code as the form sends it. The core checks everything again.
import type { VoucherStatus } from './bindings/VoucherStatus';
import type { VoucherView } from './bindings/VoucherView';
import { vnd } from './aftersales';

/** "50.000 ₫", "10%" or "10% (≤ 100.000 ₫)". */
export function discountText(v: Pick<VoucherView, 'kind' | 'value' | 'max_discount'>): string {
  if (v.kind !== 'percent') return vnd(v.value);
  return v.max_discount ? `${v.value}% (≤ ${vnd(v.max_discount)})` : `${v.value}%`;
}

/** "1/2" for a voucher of two uses, "3" for one without a limit. */
export function usesText(v: Pick<VoucherView, 'uses' | 'max_uses'>): string {
  return v.max_uses === null ? String(v.uses) : `${v.uses}/${v.max_uses}`;
}

export type StatusFilter = 'all' | VoucherStatus;

export function filterVouchers(list: VoucherView[], status: StatusFilter): VoucherView[] {
  return status === 'all' ? list : list.filter((v) => v.status === status);
}

/** A code as typed, sent as the core keeps it: trimmed, upper case; empty = generate one. */
export function normalCode(typed: string): string {
  return typed.trim().toUpperCase();
}

/** Whether the typed code can be one (letters and digits, 3–20), to warn before sending. */
export function codeLooksValid(typed: string): boolean {
  const c = normalCode(typed);
  return c === '' || /^[A-Z0-9]{3,20}$/.test(c);
}

/** Only an active voucher is archived from the list; any archived one may come back. */
export function archiveAction(v: Pick<VoucherView, 'status'>): 'archive' | 'restore' {
  return v.status === 'archived' ? 'restore' : 'archive';
}
