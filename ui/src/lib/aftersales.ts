// After-sales display rules shared by the views: money, dates, coverage lines, move fields.
import type { ClaimStatus } from './bindings/ClaimStatus';
import type { Coverage } from './bindings/Coverage';
import type { Remedy } from './bindings/Remedy';
import type { ReturnOutcome } from './bindings/ReturnOutcome';

/** 1.290.000 ₫ (Vietnamese grouping whatever the UI language: prices are Vietnamese). */
export function vnd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${digits} ₫`;
}

/** `2027-05-12` → `12/05/2027`. */
export function dmy(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.split('-');
  return y && m && d ? `${d}/${m}/${y}` : '';
}

/** The message key and parameters of a unit's coverage line. */
export function coverageLine(c: Coverage): { key: string; params: Record<string, string | number> } {
  switch (c.state) {
    case 'exchange_window':
      return { key: 'coverage.line.exchange', params: { until: dmy(c.exchange_until), end: dmy(c.end), days: c.days_left } };
    case 'under_warranty':
      return { key: 'coverage.line.warranty', params: { end: dmy(c.end), days: c.days_left } };
    case 'expired':
      return { key: 'coverage.line.expired', params: { end: dmy(c.end), days: -c.days_left } };
    case 'none':
      return { key: 'coverage.line.none', params: {} };
    default:
      return { key: 'coverage.line.closed', params: {} };
  }
}

/** What a move asks for, so the form shows only those fields. */
export function moveFields(to: ClaimStatus): Array<'service_center' | 'quote' | 'replacement_serial' | 'refund_amount' | 'fee'> {
  switch (to) {
    case 'at_service_center':
      return ['service_center'];
    case 'awaiting_approval':
      return ['quote'];
    case 'replaced':
      return ['replacement_serial'];
    case 'refunded':
      return ['refund_amount'];
    case 'ready':
    case 'returned':
      return ['fee'];
    default:
      return [];
  }
}

/** The outcome that follows a policy remedy without an override. */
export function outcomeFor(remedy: Remedy): ReturnOutcome {
  switch (remedy) {
    case 'exchange':
      return 'exchange';
    case 'refund':
      return 'refund';
    case 'repair':
    case 'paid_repair':
      return 'repair';
    default:
      return 'refused';
  }
}

/** Open claim columns of the board, in the order work flows. */
export const BOARD_COLUMNS: ClaimStatus[] = [
  'received',
  'diagnosing',
  'awaiting_approval',
  'repairing',
  'at_service_center',
  'awaiting_parts',
  'ready',
];
