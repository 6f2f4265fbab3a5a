import { describe, expect, it } from 'vitest';
import type { Briefing } from './bindings/Briefing';
import type { ReminderView } from './bindings/ReminderView';
import type { TimelineEvent } from './bindings/TimelineEvent';
import {
  appendPage,
  contactChoices,
  contactDraft,
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
    ...over,
  } satisfies TimelineEvent;
}

const quiet: Briefing = {
  customer_id: 1,
  today: '2026-11-23',
  full_name: 'Nguyễn Thị Lan',
  address_as: 'chi',
  greeting: 'chị Lan',
  alerts: [],
  last_visit: null,
  last_contact_at: null,
  repairs: [],
  warranties: [],
  promises: [],
  complaints: [],
  contact_channel: null,
  consents: [],
  no_contact: false,
  language: 'vi',
};

describe('timeline filter', () => {
  it('lists every kind once and keeps the chips in that order', () => {
    expect(new Set(TIMELINE_KINDS).size).toBe(8);
    expect(toggleKind([], 'consent')).toEqual(['consent']);
    expect(toggleKind(['consent'], 'sale')).toEqual(['sale', 'consent']);
    expect(toggleKind(['sale', 'consent'], 'sale')).toEqual(['consent']);
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
  it('offers the reminders still waiting, and sets a new one for today otherwise', () => {
    const r = (id: number, status: ReminderView['status']) => ({ id, status }) as ReminderView;
    expect(contactChoices([r(1, 'open'), r(2, 'done'), r(3, 'snoozed')]).map((x) => x.id)).toEqual([
      1, 3,
    ]);
    expect(contactDraft(7, '2026-11-23', 'Liên hệ từ hồ sơ')).toEqual({
      customer_id: 7,
      due_on: '23/11/2026',
      due_time: '',
      note: 'Liên hệ từ hồ sơ',
      assignee: '',
    });
  });
});
