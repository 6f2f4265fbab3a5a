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

/** Whether the item has come back to the counter or been handed over: the handover slip applies. */
export function handedBack(s: ClaimStatus): boolean {
  return ['ready', 'returned', 'replaced', 'refunded', 'rejected', 'declined', 'cancelled'].includes(s);
}

// Same rules as `text::money::parse_vnd` in the core, for the live total while typing; the
// backend re-parses and has the last word.
const UNITS: Array<[string, number]> = [
  ['triệu', 1_000_000], ['trieu', 1_000_000], ['tr', 1_000_000],
  ['nghìn', 1_000], ['nghin', 1_000], ['ngàn', 1_000], ['ngan', 1_000], ['k', 1_000],
];
const CURRENCY = ['₫', 'vnđ', 'vnd', 'đồng', 'dong', 'đ', 'd'];
const digits = (s: string): boolean => /^\d+$/.test(s);

/** An amount in đồng as staff type it (`1.290.000`, `1tr29`, `150k`), or null. */
export function parseVnd(input: string): number | null {
  let s = input.toLowerCase().replace(/\s+/g, '');
  const suffix = CURRENCY.find((c) => s.endsWith(c));
  if (suffix) s = s.slice(0, -suffix.length);
  if (!s) return null;
  for (const [unit, mult] of UNITS) {
    const at = s.indexOf(unit);
    if (at < 0) continue;
    const head = s.slice(0, at);
    const tail = s.slice(at + unit.length);
    const sep = head.search(/[.,]/);
    let int = head;
    let frac = tail;
    if (sep >= 0) {
      if (tail) return null;
      int = head.slice(0, sep);
      frac = head.slice(sep + 1);
    }
    if (!digits(int) || !(frac === '' || digits(frac))) return null;
    const scale = 10 ** frac.length;
    if (scale > mult) return null;
    const amount = Number(int) * mult + (frac ? Number(frac) * (mult / scale) : 0);
    return Number.isSafeInteger(amount) ? amount : null;
  }
  const groups = s.split(/[.,]/);
  const ok = groups.every(digits) && groups.slice(1).every((g) => g.length === 3) && (groups.length === 1 || (groups[0] ?? '').length <= 3);
  const amount = Number(groups.join(''));
  return ok && Number.isSafeInteger(amount) ? amount : null;
}

export type SaleLine = { product: Product; quantity: number; unitPrice: string; discount: string; serials: string[] };

/** The form lines of a recorded purchase: prices as sold, one serial input per unit. */
export function editLines(p: PurchaseView, products: Product[]): SaleLine[] {
  return p.lines.map((l) => {
    const serials = p.units.filter((u) => u.line_id === l.id).map((u) => u.serial ?? '');
    // A product missing from the catalogue answer is rebuilt from what the line recorded.
    const product = products.find((pr) => pr.id === l.product_id) ?? {
      id: l.product_id, code: '', name: l.product_name, category: '', price: l.unit_price,
      warranty_months: l.warranty_months, exchange_days: l.exchange_days, policy_id: null,
      policy_name: l.policy.name || null, repurchase_days: null, serial_required: serials.some(Boolean), archived: false,
    };
    return {
      product,
      quantity: l.quantity,
      unitPrice: String(l.unit_price),
      discount: l.discount ? String(l.discount) : '',
      serials: product.serial_required ? serials.concat(Array(Math.max(l.quantity - serials.length, 0)).fill('')) : serials.filter(Boolean),
    };
  });
}

/** What the line comes to as typed; a price not readable yet counts as 0. */
export function lineTotal(l: SaleLine): number {
  const price = l.unitPrice.trim() ? parseVnd(l.unitPrice) : l.product.price;
  const discount = l.discount.trim() ? (parseVnd(l.discount) ?? 0) : 0;
  return price === null ? 0 : price * Math.max(l.quantity, 0) - discount;
}
