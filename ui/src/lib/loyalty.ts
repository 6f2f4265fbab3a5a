// Loyalty at the counter (issue 17): what the tender part of the sale form and the card block
// show. Every money rule is the core's (`preview_tender`, `loyalty_summary`); these only arrange
// what it returns for the screen.
import type { FieldError } from './bindings/FieldError';
import type { LoyaltySummary } from './bindings/LoyaltySummary';
import type { PurchaseDraft } from './bindings/PurchaseDraft';
import type { Settlement } from './bindings/Settlement';
import type { TenderDraft } from './bindings/TenderDraft';

export const METHODS = ['cash', 'transfer', 'card'] as const;
export type Method = (typeof METHODS)[number];

export function emptyTender(): TenderDraft {
  return {
    tier_discount: true,
    voucher: '',
    points: '',
    credit: '',
    paid: '',
    method: '',
    due_on: '',
  };
}

/** `1234` → `1.234`, the way points are written at the counter. */
export function points(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A ledger movement with its sign always shown: `+50`, `-20`. */
export function signed(n: number): string {
  return n > 0 ? `+${points(n)}` : points(n);
}

/**
 * How far the customer is towards the next tier: the share of its threshold already spent
 * (0–100) and what is left to spend; `null` at the top tier.
 */
export function tierProgress(s: LoyaltySummary): { pct: number; left: number } | null {
  const next = s.next_tier_min_spend;
  if (next === null || next <= 0) return null;
  const spent = Math.max(0, s.spend_12m);
  return { pct: Math.min(100, Math.floor((spent * 100) / next)), left: Math.max(0, next - spent) };
}

/** The tender's field errors by field (the form shows each under its input). */
export function tenderErrors(errors: FieldError[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[e.field] ??= []).push(e.code);
  return out;
}

/** Whether the form must ask for a due date: part of the sale is left owing. */
export function owing(s: Settlement | null): boolean {
  return (s?.owed ?? 0) > 0;
}

/**
 * A key for the draft as the live total reads it: the same key twice means the same answer, so
 * typing back what was there asks the core nothing.
 */
export function previewKey(d: PurchaseDraft): string {
  return JSON.stringify([
    d.customer_id,
    d.lines.map((l) => [l.product_id, l.quantity, l.unit_price, l.discount]),
    d.tender,
  ]);
}

/** The ledger entries the card's history names; another kind shows as its code. */
export const LEDGER_KINDS = [
  'points.earn',
  'points.redeem',
  'points.adjust',
  'points.expire',
  'points.reverse',
  'points.opening',
  'credit.return',
  'credit.manual',
  'credit.spend',
  'credit.reverse',
  'credit.opening',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** `points` + `earn` → `points.earn` when the history knows it, else `null`. */
export function ledgerKind(ledger: string, kind: string): LedgerKind | null {
  const k = `${ledger}.${kind}`;
  return (LEDGER_KINDS as readonly string[]).includes(k) ? (k as LedgerKind) : null;
}
