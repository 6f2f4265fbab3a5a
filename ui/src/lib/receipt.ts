// A sale's receipt: its lines and totals, and the rows of the 80 mm roll, where a thermal
// printer gives about 72 mm of paper to a fixed number of characters per row.
import { vnd } from './aftersales';
import type { PurchaseView } from './bindings/PurchaseView';

export type ReceiptFormat = 'roll80' | 'a5';
export const RECEIPT_FORMATS: ReceiptFormat[] = ['roll80', 'a5'];
/** Characters per row on the 80 mm roll (72 mm printable; 32–42 is what such printers take). */
export const ROLL_COLUMNS = 42;

const FORMAT_KEY = 'khachquen.receiptFormat';

/** The format this PC printed with last (a counter has one printer; the roll by default). */
export function savedFormat(): ReceiptFormat {
  try {
    return globalThis.localStorage?.getItem(FORMAT_KEY) === 'a5' ? 'a5' : 'roll80';
  } catch {
    return 'roll80';
  }
}

export function saveFormat(f: ReceiptFormat): void {
  try {
    globalThis.localStorage?.setItem(FORMAT_KEY, f);
  } catch {
    // No storage: the choice lasts for this screen only.
  }
}

export interface ReceiptLine {
  name: string;
  serials: string[];
  quantity: number;
  unitPrice: number;
  discount: number;
  amount: number;
}

export interface ReceiptTotals {
  /** Before discounts. */
  gross: number;
  discount: number;
  total: number;
}

export function receiptLines(p: PurchaseView): ReceiptLine[] {
  return p.lines.map((l) => ({
    name: l.product_name,
    serials: p.units.filter((u) => u.line_id === l.id && u.serial).map((u) => u.serial ?? ''),
    quantity: l.quantity,
    unitPrice: l.unit_price,
    discount: l.discount,
    amount: l.line_total,
  }));
}

/** The sums as printed; the total is the sale's own, which the lines must add up to. */
export function receiptTotals(p: PurchaseView): ReceiptTotals {
  const gross = p.lines.reduce((s, l) => s + l.unit_price * l.quantity, 0);
  const discount = p.lines.reduce((s, l) => s + l.discount, 0);
  return { gross, discount, total: p.total };
}

const chars = (s: string) => [...s.normalize('NFC')];
/** An amount that never breaks across rows. */
const money = (n: number) => vnd(n).replace(' ₫', '\u00a0₫');

/** Words onto rows of at most `width` characters; a word longer than a row is cut. */
export function wrap(text: string, width: number): string[] {
  const rows: string[] = [];
  let row: string[] = [];
  // Split on plain spaces only: the no-break space inside `1.000 ₫` keeps the amount whole.
  for (const word of text
    .normalize('NFC')
    .split(/[ \t\n]+/)
    .filter(Boolean)) {
    let w = chars(word);
    while (w.length > width) {
      if (row.length) rows.push(row.join(''));
      rows.push(w.slice(0, width).join(''));
      row = [];
      w = w.slice(width);
    }
    if (row.length && row.length + 1 + w.length > width) {
      rows.push(row.join(''));
      row = [];
    }
    row = row.length ? [...row, ' ', ...w] : w;
  }
  if (row.length) rows.push(row.join(''));
  return rows;
}

/**
 * `left` wrapped (indented by `indent` spaces), `right` flush with the right edge of its last
 * row, or of a row of its own when it does not fit beside it.
 */
export function spread(left: string, right: string, width: number, indent = 0): string[] {
  const r = chars(right).length;
  const pad = ' '.repeat(indent);
  const rows = wrap(left, width - indent).map((row) => pad + row);
  const last = rows.pop() ?? '';
  const gap = width - chars(last).length - r;
  if (gap >= 1) return [...rows, last + ' '.repeat(gap) + right];
  return [...rows, last, ' '.repeat(Math.max(0, width - r)) + right];
}

export function center(text: string, width: number): string[] {
  return wrap(text, width).map((row) => {
    const pad = Math.floor((width - chars(row).length) / 2);
    return ' '.repeat(pad) + row;
  });
}

export interface RollHead {
  shopName: string;
  shopAddress: string;
  shopPhone: string;
  title: string;
  /** Each already labelled ("Số: HD-0001"), in print order; empty ones are left out. */
  facts: Array<[string, string]>;
  footer: string;
}

export interface RollLabels {
  discount: string;
  gross: string;
  totalDiscount: string;
  total: string;
  paid: string;
}

/** The whole 80 mm receipt as rows of at most `width` characters. */
export function rollRows(
  head: RollHead,
  lines: ReceiptLine[],
  totals: ReceiptTotals,
  labels: RollLabels,
  width = ROLL_COLUMNS,
): string[] {
  const rule = '-'.repeat(width);
  const out: string[] = [
    ...center(head.shopName.toUpperCase(), width),
    ...center(head.shopAddress, width),
    ...center(head.shopPhone, width),
    rule,
    ...center(head.title.toUpperCase(), width),
  ];
  for (const [label, value] of head.facts) if (value) out.push(...spread(label, value, width));
  out.push(rule);
  for (const l of lines) {
    out.push(...wrap(l.name, width));
    for (const s of l.serials) out.push(...wrap(s, width - 2).map((r) => `  ${r}`));
    out.push(
      ...spread(`${l.quantity} x ${money(l.unitPrice)}`, money(l.unitPrice * l.quantity), width, 2),
    );
    if (l.discount) out.push(...spread(labels.discount, money(-l.discount), width, 2));
  }
  out.push(rule);
  if (totals.discount) {
    out.push(...spread(labels.gross, money(totals.gross), width));
    out.push(...spread(labels.totalDiscount, money(-totals.discount), width));
  }
  out.push(...spread(labels.total.toUpperCase(), money(totals.total), width));
  out.push(...spread(labels.paid, money(totals.total), width));
  if (head.footer) out.push(rule, ...center(head.footer, width));
  return out;
}

/** "Chị Nguyễn Thị Lan": the form of address, capitalised, before the full name. */
export function customerLine(addressWord: string, fullName: string): string {
  const word = addressWord.trim();
  if (!word) return fullName;
  return `${word.charAt(0).toLocaleUpperCase('vi')}${word.slice(1)} ${fullName}`;
}
