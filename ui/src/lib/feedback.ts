// What the complaint, score and promise views share: score scales and opening-hours minutes as
// people read them. A case's moves and how near its target it is come from the core, on the
// complaint view (`allowed_moves`, `target_state`).
import type { Metric } from './bindings/Metric';

export const METRICS: Metric[] = ['csat', 'nps', 'ces'];

/** The buttons of a scale, lowest first. */
export function scale(metric: Metric): number[] {
  const [lo, hi] = metric === 'nps' ? [0, 10] : metric === 'ces' ? [1, 7] : [1, 5];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** 150 → { h: 2, m: 30 }, the sign dropped (lateness is shown by the state). */
export function hoursMinutes(minutes: number): { h: number; m: number } {
  const abs = Math.abs(Math.round(minutes));
  return { h: Math.floor(abs / 60), m: abs % 60 };
}

export const CHANNELS = ['in_store', 'phone', 'zalo', 'messenger', 'sms', 'email'] as const;
export const CATEGORIES = [
  'product',
  'service',
  'staff',
  'price',
  'warranty',
  'delivery',
  'other',
] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** A link as a select's value: `p12` (sale), `k3` (claim) or empty. */
export function linkKey(link: { purchase_id: number | null; claim_id: number | null }): string {
  if (link.purchase_id !== null) return `p${link.purchase_id}`;
  if (link.claim_id !== null) return `k${link.claim_id}`;
  return '';
}

export function linkFrom(key: string): { purchase_id: number | null; claim_id: number | null } {
  const id = Number(key.slice(1));
  if (key.startsWith('p') && Number.isInteger(id) && id > 0)
    return { purchase_id: id, claim_id: null };
  if (key.startsWith('k') && Number.isInteger(id) && id > 0)
    return { purchase_id: null, claim_id: id };
  return { purchase_id: null, claim_id: null };
}
