// Complaint, score and promise rules the views share: score scales, what a case may move to,
// how near its target it is, and opening-hours minutes as people read them.
import type { ComplaintStatus } from './bindings/ComplaintStatus';
import type { ComplaintView } from './bindings/ComplaintView';
import type { Metric } from './bindings/Metric';

export const METRICS: Metric[] = ['csat', 'nps', 'ces'];

/** The buttons of a scale, lowest first. */
export function scale(metric: Metric): number[] {
  const [lo, hi] = metric === 'nps' ? [0, 10] : metric === 'ces' ? [1, 7] : [1, 5];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** Mirrors the core's `ComplaintStatus::can_go_to` (the core re-checks every move). */
export function complaintMoves(status: ComplaintStatus): ComplaintStatus[] {
  switch (status) {
    case 'open':
      return ['in_progress', 'waiting_customer', 'resolved'];
    case 'in_progress':
      return ['waiting_customer', 'resolved'];
    case 'waiting_customer':
      return ['in_progress', 'resolved'];
    case 'resolved':
      return ['in_progress', 'closed'];
    default:
      return [];
  }
}

/** Within this many opening-hours minutes of its target a case shows as due soon. */
export const SOON_MINUTES = 60;

export type TargetState = 'done' | 'breached' | 'soon' | 'ok';

export function targetState(c: Pick<ComplaintView, 'minutes_left' | 'resolved_at' | 'response_breached' | 'resolution_breached'>): TargetState {
  if (c.resolved_at) return c.response_breached || c.resolution_breached ? 'breached' : 'done';
  if (c.minutes_left === null || c.minutes_left < 0 || c.response_breached) return 'breached';
  return c.minutes_left <= SOON_MINUTES ? 'soon' : 'ok';
}

/** 150 → { h: 2, m: 30 }, the sign dropped (lateness is shown by the state). */
export function hoursMinutes(minutes: number): { h: number; m: number } {
  const abs = Math.abs(Math.round(minutes));
  return { h: Math.floor(abs / 60), m: abs % 60 };
}

export const CHANNELS = ['in_store', 'phone', 'zalo', 'messenger', 'sms', 'email'] as const;
export const CATEGORIES = ['product', 'service', 'staff', 'price', 'warranty', 'delivery', 'other'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** A link as a select's value: `p12` (sale), `k3` (claim) or empty. */
export function linkKey(link: { purchase_id: number | null; claim_id: number | null }): string {
  if (link.purchase_id !== null) return `p${link.purchase_id}`;
  if (link.claim_id !== null) return `k${link.claim_id}`;
  return '';
}

export function linkFrom(key: string): { purchase_id: number | null; claim_id: number | null } {
  const id = Number(key.slice(1));
  if (key.startsWith('p') && Number.isInteger(id) && id > 0) return { purchase_id: id, claim_id: null };
  if (key.startsWith('k') && Number.isInteger(id) && id > 0) return { purchase_id: null, claim_id: id };
  return { purchase_id: null, claim_id: null };
}
