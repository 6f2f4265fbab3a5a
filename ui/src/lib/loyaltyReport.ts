// The loyalty section of the report (issue 17): which figures it shows, how each reads, and the
// rows of its export. The figures themselves come from the core (`loyalty::report`).
import type { AgeBucket } from './bindings/AgeBucket';
import type { Cell } from './bindings/Cell';
import type { LoyaltyReport } from './bindings/LoyaltyReport';
import { vnd } from './aftersales';

export const LOYALTY_FIGURES = [
  'points_issued',
  'points_redeemed',
  'points_expired',
  'points_outstanding',
  'points_liability',
  'vouchers_issued',
  'vouchers_redeemed',
  'voucher_discount',
  'redemption_rate',
  'store_credit_outstanding',
  'debt_total',
] as const;
export type LoyaltyFigure = (typeof LOYALTY_FIGURES)[number];

const MONEY: ReadonlySet<LoyaltyFigure> = new Set([
  'points_liability',
  'voucher_discount',
  'store_credit_outstanding',
  'debt_total',
]);

export const AGE_BUCKETS: readonly AgeBucket[] = [
  'not_due',
  'overdue_1_30',
  'overdue_31_60',
  'overdue_61_90',
  'overdue_over_90',
];

export function figureValue(r: LoyaltyReport, f: LoyaltyFigure): number | null {
  return r[f];
}

/** As the screen shows it: đồng, a percentage, or a count; `—` for a rate with no voucher. */
export function figureText(
  r: LoyaltyReport,
  f: LoyaltyFigure,
  count: (n: number) => string,
): string {
  const v = figureValue(r, f);
  if (v === null) return '—';
  if (f === 'redemption_rate') return `${v} %`;
  return MONEY.has(f) ? vnd(v) : count(v);
}

type Label = (section: string, key: string) => string;

/** The export: one row per figure, then one per debt age with its customers and amount. */
export function loyaltyRows(r: LoyaltyReport, label: Label): Cell[][] {
  const rows: Cell[][] = [
    [
      label('loyaltyCsv', 'section'),
      label('loyaltyCsv', 'item'),
      label('loyaltyCsv', 'value'),
      label('loyaltyCsv', 'customers'),
    ],
  ];
  for (const f of LOYALTY_FIGURES)
    rows.push([label('loyaltyCsv', 'figures'), label('loyaltyFigure', f), r[f], null]);
  for (const b of AGE_BUCKETS) {
    const age = r.debt.find((d) => d.bucket === b);
    rows.push([
      label('loyaltyCsv', 'debtAge'),
      label('ageBucket', b),
      age?.amount ?? 0,
      age?.customers ?? 0,
    ]);
  }
  return rows;
}
