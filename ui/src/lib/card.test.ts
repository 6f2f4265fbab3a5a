import { describe, expect, it } from 'vitest';
import type { Briefing } from './bindings/Briefing';
import type { ContactChoice } from './bindings/ContactChoice';
import type { TimelineEvent } from './bindings/TimelineEvent';
import {
  appendPage,
  choiceKey,
  choiceLabel,
  defaultChoice,
  settledKey,
  eventLine,
  needsAttention,
  TIMELINE_KINDS,
  toggleKind,
  unreadAlerts,
} from './card';

function event(kind: TimelineEvent['kind'], id: number, over: Partial<TimelineEvent> = {}) {
  return {
    kind,
    id,
    at: '2026-11-23T03:00:00Z',
    reference: '',
    code: '',
    value: null,
    text: '',
    channel: null,
    staff: 'Hà',
    opens: null,
    store: '',
    ...over,
  } satisfies TimelineEvent;
}

const quiet: Briefing = {
  customer_id: 1,
  today: '2026-11-23',
  alerts: [],
  last_visit: null,
  repairs: [],
  warranties: [],
  promises: [],
  complaints: [],
  contact_channel: null,
  consents: [],
  no_contact: false,
  language: 'vi',
  tier: null,
};

describe('timeline filter', () => {
  it('lists every kind once and keeps the chips in that order', () => {
    expect(new Set(TIMELINE_KINDS).size).toBe(9);
    expect(TIMELINE_KINDS.at(-1)).toBe('goodwill');
    expect(toggleKind([], 'consent')).toEqual(['consent']);
    expect(toggleKind(['consent'], 'sale')).toEqual(['sale', 'consent']);
    expect(toggleKind(['sale', 'consent'], 'sale')).toEqual(['consent']);
  });

  it('says whether a touchpoint was settled at once, and only for touchpoints', () => {
    expect(settledKey(event('touchpoint', 1, { value: 1 }))).toBe('interaction.settled');
    expect(settledKey(event('touchpoint', 1, { value: 0 }))).toBe('interaction.notSettled');
    expect(settledKey(event('touchpoint', 1))).toBeNull();
    expect(settledKey(event('score', 1, { value: 5 }))).toBeNull();
  });

  it('appends a page without repeating what is shown', () => {
    const shown = [event('sale', 1), event('claim', 1)];
    const more = appendPage(shown, {
      events: [event('claim', 1), event('claim', 2)],
      next: null,
    });
    expect(more.map((e) => `${e.kind}${e.id}`)).toEqual(['sale1', 'claim1', 'claim2']);
  });
});

describe('timeline lines', () => {
  it('names what each event set, with money in đồng', () => {
    expect(
      eventLine(event('sale', 1, { reference: 'HD261123-001', code: 'sold', value: 1290000 })),
    ).toEqual({ key: 'timeline.sale', params: { receipt: 'HD261123-001', amount: '1.290.000 ₫' } });
    expect(eventLine(event('sale', 2, { code: 'voided', value: 0 })).key).toBe(
      'timeline.saleVoided',
    );
    expect(eventLine(event('consent', 3, { reference: 'care_calls', code: 'withdrawn' }))).toEqual({
      key: 'timeline.consentWithdrawn',
      params: { purpose: 'care_calls', method: '' },
    });
    expect(
      eventLine(event('reminder', 4, { reference: 'manual', code: 'sent', channel: 'zalo' })),
    ).toEqual({
      key: 'timeline.reminder',
      params: { kind: 'manual', outcome: 'sent', channel: 'zalo' },
    });
  });
});

describe('briefing', () => {
  it('asks for attention only when something is open or unread', () => {
    expect(needsAttention(quiet)).toBe(false);
    const alert = {
      preference_id: 1,
      category: 'other' as const,
      value: 'Dị ứng hải sản',
      note: '',
      version: 'v1',
      acknowledged: true,
    };
    expect(needsAttention({ ...quiet, alerts: [alert] })).toBe(false);
    const unread = { ...alert, acknowledged: false };
    expect(unreadAlerts({ ...quiet, alerts: [alert, unread] })).toEqual([unread]);
    expect(needsAttention({ ...quiet, alerts: [unread] })).toBe(true);
  });
});

describe('contact from the card', () => {
  const choice = (kind: ContactChoice['pick']['kind'], reminder: number | null, label = '') =>
    ({
      pick: { kind, subject: reminder ? '' : 'purchase', subject_id: reminder ? null : 4 },
      reminder_id: reminder,
      label,
      message: { text: '', zalo_url: null, tel_url: null, has_phone: false },
    }) as ContactChoice;
  it('keys reminders and templates apart, and starts on the general message', () => {
    const list = [choice('thank_you', 9), choice('thank_you', null), choice('manual', null)];
    expect(list.map(choiceKey)).toEqual(['r9', 'thank_you:purchase:4', 'manual:purchase:4']);
    expect(defaultChoice(list)).toBe('manual:purchase:4');
    expect(defaultChoice(list.slice(0, 1))).toBe('r9');
    expect(defaultChoice([])).toBe('');
    expect(choiceLabel(choice('warranty_expiring', null, 'iPhone 15'))).toBe(' · iPhone 15');
    expect(choiceLabel(choice('manual', null))).toBe('');
  });
});
