// After-sales display rules shared by the views: money, dates, coverage lines, move fields.
import type { ClaimStatus } from './bindings/ClaimStatus';
import type { Coverage } from './bindings/Coverage';
import type { Product } from './bindings/Product';
import type { PurchaseView } from './bindings/PurchaseView';
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
export function coverageLine(c: Coverage): {
  key: string;
  params: Record<string, string | number>;
} {
  switch (c.state) {
    case 'exchange_window':
      return {
        key: 'coverage.line.exchange',
        params: { until: dmy(c.exchange_until), end: dmy(c.end), days: c.days_left },
      };
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
export function moveFields(
  to: ClaimStatus,
): Array<'service_center' | 'quote' | 'replacement_serial' | 'refund_amount' | 'fee'> {
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

/** Whether the item has come back to the counter or been handed over: the handover slip applies. */
export function handedBack(s: ClaimStatus): boolean {
  return [
    'ready',
    'returned',
    'replaced',
    'refunded',
    'rejected',
    'declined',
    'cancelled',
  ].includes(s);
}

export type SaleLine = {
  product: Product;
  quantity: number;
  unitPrice: string;
  discount: string;
  serials: string[];
};

/** The form lines of a recorded purchase: prices as sold, one serial input per unit. */
export function editLines(p: PurchaseView, products: Product[]): SaleLine[] {
  return p.lines.map((l) => {
    const serials = p.units.filter((u) => u.line_id === l.id).map((u) => u.serial ?? '');
    // A product missing from the catalogue answer is rebuilt from what the line recorded.
    const product = products.find((pr) => pr.id === l.product_id) ?? {
      id: l.product_id,
      code: '',
      name: l.product_name,
      category: '',
      price: l.unit_price,
      warranty_months: l.warranty_months,
      exchange_days: l.exchange_days,
      policy_id: null,
      policy_name: l.policy.name || null,
      repurchase_days: null,
      serial_required: serials.some(Boolean),
      archived: false,
    };
    return {
      product,
      quantity: l.quantity,
      unitPrice: String(l.unit_price),
      discount: l.discount ? String(l.discount) : '',
      serials: product.serial_required
        ? serials.concat(Array(Math.max(l.quantity - serials.length, 0)).fill(''))
        : serials.filter(Boolean),
    };
  });
}

/** Typed amounts as the core read them (`parse_money`): null for one that does not read. */
export type MoneyReadings = Record<string, number | null>;

/** The amounts typed on `lines` that the core has not read yet, each once. */
export function unreadAmounts(lines: SaleLine[], read: MoneyReadings): string[] {
  const typed = lines
    .flatMap((l) => [l.unitPrice, l.discount])
    .filter((s) => s.trim() !== '' && !(s in read));
  return [...new Set(typed)];
}

/** What the line comes to as typed, from the core's readings; an empty price is the catalogue's
 * (as the core saves it), one not read yet or unreadable counts as 0. */
export function lineTotal(l: SaleLine, read: MoneyReadings): number {
  const price = l.unitPrice.trim() ? (read[l.unitPrice] ?? null) : l.product.price;
  const discount = l.discount.trim() ? (read[l.discount] ?? 0) : 0;
  return price === null ? 0 : price * Math.max(l.quantity, 0) - discount;
}
