// Issue 17, loyreport: the card's header names the customer's member tier when she has one.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Briefing as BriefingData } from '$lib/bindings/Briefing';
import { setLocale } from '$lib/i18n/index.svelte';
import Briefing from './Briefing.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return { BackendError: actual.BackendError, backend: {} };
});

const briefing: BriefingData = {
  customer_id: 7,
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
  tier: 'Vàng',
};

describe('the tier on the card', () => {
  it('shows her tier, and nothing for a customer not ranked', () => {
    setLocale('vi');
    const { unmount } = render(Briefing, { briefing });
    expect(screen.getByTestId('brief-tier').textContent).toContain('Vàng');
    expect(screen.getByTestId('brief-tier').textContent).toContain('Hạng thành viên');
    unmount();
    render(Briefing, { briefing: { ...briefing, tier: null } });
    expect(screen.queryByTestId('brief-tier')).toBeNull();
  });
});
