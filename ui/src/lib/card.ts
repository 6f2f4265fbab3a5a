// The customer card's top: what the briefing flags, the timeline's kinds, pages and lines, and
// contact from the card (which works through a reminder, as Today does).
import { dmy, vnd } from './aftersales';
import type { Briefing } from './bindings/Briefing';
import type { ManualDraft } from './bindings/ManualDraft';
import type { ReminderView } from './bindings/ReminderView';
import type { TimelineEvent } from './bindings/TimelineEvent';
import type { TimelineKind } from './bindings/TimelineKind';
import type { TimelinePage } from './bindings/TimelinePage';

/** Every kind, in the order the filter chips show them (a kind the core adds fails to compile). */
const KIND_ORDER: Record<TimelineKind, number> = {
  sale: 0,
  claim: 1,
  return: 2,
  complaint: 3,
  score: 4,
  touchpoint: 5,
  reminder: 6,
  consent: 7,
};
export const TIMELINE_KINDS = (Object.keys(KIND_ORDER) as TimelineKind[]).sort(
  (a, b) => KIND_ORDER[a] - KIND_ORDER[b],
);

/** The chips' selection after one is pressed: on or off; none on means all. */
export function toggleKind(kinds: TimelineKind[], kind: TimelineKind): TimelineKind[] {
  return kinds.includes(kind)
    ? kinds.filter((k) => k !== kind)
    : TIMELINE_KINDS.filter((k) => k === kind || kinds.includes(k));
}

/** A further page appended to what is shown; an event already shown is not shown twice. */
export function appendPage(shown: TimelineEvent[], page: TimelinePage): TimelineEvent[] {
  const seen = new Set(shown.map((e) => `${e.kind}:${e.id}`));
  return [...shown, ...page.events.filter((e) => !seen.has(`${e.kind}:${e.id}`))];
}

/** Alerts the signed-in account has not read in their current version. */
export function unreadAlerts(b: Briefing): Briefing['alerts'] {
  return b.alerts.filter((a) => !a.acknowledged);
}

/** Whether anything in the briefing asks for attention beyond who the customer is. */
export function needsAttention(b: Briefing): boolean {
  return (
    unreadAlerts(b).length > 0 ||
    b.repairs.length > 0 ||
    b.warranties.length > 0 ||
    b.promises.length > 0 ||
    b.complaints.length > 0
  );
}

/** A message key and its parameters, for `t()`. */
export type Line = { key: string; params: Record<string, string | number> };

/** The headline of one timeline event. Codes become keys; the caller translates. */
export function eventLine(e: TimelineEvent): Line {
  const value = e.value ?? 0;
  switch (e.kind) {
    case 'sale':
      return {
        key: e.code === 'voided' ? 'timeline.saleVoided' : 'timeline.sale',
        params: { receipt: e.reference, amount: vnd(value) },
      };
    case 'claim':
      return { key: 'timeline.claim', params: { code: e.reference, status: e.code } };
    case 'return':
      return { key: 'timeline.return', params: { outcome: e.code, amount: vnd(value) } };
    case 'complaint':
      return { key: 'timeline.complaint', params: { code: e.reference, status: e.code } };
    case 'score':
      return { key: 'timeline.score', params: { metric: e.code, score: value } };
    case 'touchpoint':
      return { key: 'timeline.touchpoint', params: { kind: e.code, channel: e.channel ?? '' } };
    case 'reminder':
      return {
        key: 'timeline.reminder',
        params: { kind: e.reference, outcome: e.code, channel: e.channel ?? '' },
      };
    case 'consent':
      return {
        key: e.code === 'granted' ? 'timeline.consentGranted' : 'timeline.consentWithdrawn',
        params: { purpose: e.reference, method: e.channel ?? '' },
      };
  }
}

/** The reminders a contact from the card may work: those still waiting. */
export function contactChoices(reminders: ReminderView[]): ReminderView[] {
  return reminders.filter((r) => r.status === 'open' || r.status === 'snoozed');
}

/** A contact from the card with no reminder waiting: one set for today, worked at once. */
export function contactDraft(customerId: number, today: string, note: string): ManualDraft {
  return { customer_id: customerId, due_on: dmy(today), due_time: '', note, assignee: '' };
}

/** The channel an outcome is logged on after opening a link. */
export function channelFor(via: 'zalo' | 'tel'): 'zalo' | 'phone' {
  return via === 'zalo' ? 'zalo' : 'phone';
}
