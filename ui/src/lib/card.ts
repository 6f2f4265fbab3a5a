// The customer card's top: what the briefing flags, the timeline's kinds, pages and lines, and
// contact from the card (which works through a reminder, as Today does).
import { vnd } from './aftersales';
import type { Briefing } from './bindings/Briefing';
import type { ContactChoice } from './bindings/ContactChoice';
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
  goodwill: 8,
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
    case 'goodwill':
      return { key: 'timeline.goodwill', params: { code: e.reference, amount: vnd(value) } };
  }
}

/** Whether a touchpoint was settled at once, as the old contact list said; nothing if unsaid. */
export function settledKey(
  e: TimelineEvent,
): 'interaction.settled' | 'interaction.notSettled' | null {
  if (e.kind !== 'touchpoint' || e.value === null) return null;
  return e.value ? 'interaction.settled' : 'interaction.notSettled';
}

/** A chooser entry's key: her reminder, or the template and what it is about. */
export function choiceKey(c: ContactChoice): string {
  return c.reminder_id === null
    ? `${c.pick.kind}:${c.pick.subject}:${c.pick.subject_id ?? ''}`
    : `r${c.reminder_id}`;
}

/** What a chooser entry is about, after its kind: " · iPhone 15 · HD…", or nothing. */
export function choiceLabel(c: ContactChoice): string {
  return c.label ? ` · ${c.label}` : '';
}

/** Chosen at first: the shop's general message, as before there was a chooser. */
export function defaultChoice(choices: ContactChoice[]): string {
  const first =
    choices.find((c) => c.reminder_id === null && c.pick.kind === 'manual') ?? choices[0];
  return first ? choiceKey(first) : '';
}

/** The channel an outcome is logged on after opening a link. */
export function channelFor(via: 'zalo' | 'tel'): 'zalo' | 'phone' {
  return via === 'zalo' ? 'zalo' : 'phone';
}
