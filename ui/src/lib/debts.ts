// What customers owe, as the screens show it: the age buckets in order, how late a debt is,
// and the amount a payment dialog offers. The core decides and checks.
import type { DebtAges } from './bindings/DebtAges';
import type { DebtEntryView } from './bindings/DebtEntryView';

export const AGE_KEYS = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'over_90'] as const;
export type AgeKey = (typeof AGE_KEYS)[number];

/** The buckets in order with their amounts and share of the total (0–100, rounded). */
export function ageRows(ages: DebtAges): Array<{ key: AgeKey; amount: number; share: number }> {
  const total = AGE_KEYS.reduce((s, k) => s + ages[k], 0);
  return AGE_KEYS.map((key) => ({
    key,
    amount: ages[key],
    share: total > 0 ? Math.round((ages[key] * 100) / total) : 0,
  }));
}

/** Whether what is owed is past its day. */
export function isOverdue(daysOverdue: number, owed: number): boolean {
  return owed > 0 && daysOverdue > 0;
}

/** The amount the payment dialog starts with: all that is owed, as the form types money. */
export function fullAmount(owed: number): string {
  return owed > 0 ? String(owed) : '';
}

/** A payment typed that the core will refuse as more than is owed (`read`: the core's reading
 * of the amount, null when it does not read). */
export function overOwed(read: number | null, owed: number): boolean {
  return read !== null && read > owed;
}

/** The history's amount as the customer reads it: what they owe more, or paid, signed. */
export function entryAmount(e: Pick<DebtEntryView, 'amount'>): { sign: '+' | '−'; abs: number } {
  return { sign: e.amount < 0 ? '−' : '+', abs: Math.abs(e.amount) };
}
