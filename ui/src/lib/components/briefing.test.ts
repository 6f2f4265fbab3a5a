import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import type { Briefing as BriefingData } from '$lib/bindings/Briefing';
import { setLocale } from '$lib/i18n/index.svelte';
import Briefing from './Briefing.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      acknowledgeAlert: vi.fn(),
      customerBriefing: vi.fn(),
      setCustomerLanguage: vi.fn(),
    },
  };
});

const mocked = vi.mocked(backend);

const alert = {
  preference_id: 5,
  category: 'other' as const,
  value: 'Dị ứng hải sản',
  note: '',
  version: '2026-11-23T03:00:00Z',
  acknowledged: false,
};

const briefing: BriefingData = {
  customer_id: 1,
  today: '2026-11-23',
  alerts: [alert],
  last_visit: null,
  repairs: [
    {
      claim_id: 3,
      code: 'BH000003',
      product_name: 'iPhone 15',
      status: 'repairing',
      promised_on: '2026-11-20',
      late: true,
    },
  ],
  warranties: [],
  promises: [
    { promise_id: 4, text: 'Gọi khi có hàng', owner: 'Hà', due_on: '2026-11-21', overdue: true },
  ],
  complaints: [],
  contact_channel: 'zalo',
  consents: ['care_calls'],
  no_contact: false,
  language: 'vi',
  tier: null,
};

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
});

describe('Briefing', () => {
  it('shows what is open, and one Enter reads the alert in the version shown', async () => {
    mocked.acknowledgeAlert.mockResolvedValue({
      ...briefing,
      alerts: [{ ...alert, acknowledged: true }],
    });
    render(Briefing, { briefing });
    expect(screen.getByTestId('brief-repair')).toHaveTextContent('BH000003');
    expect(screen.getByTestId('brief-repair')).toHaveTextContent('Đang sửa');
    expect(screen.getByTestId('brief-repair')).toHaveTextContent('trễ hẹn');
    expect(screen.getByTestId('brief-promise')).toHaveTextContent('quá hạn, chưa giữ lời');
    const read = screen.getByRole('button', { name: 'Đã đọc (Enter)' });
    await waitFor(() => expect(read).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(mocked.acknowledgeAlert).toHaveBeenCalledWith(5, alert.version));
    expect(await screen.findByTestId('brief-alerts-read')).toHaveTextContent('Dị ứng hải sản');
    expect(screen.queryByRole('button', { name: 'Đã đọc (Enter)' })).not.toBeInTheDocument();
  });

  it('changes the language her messages are written in', async () => {
    mocked.setCustomerLanguage.mockResolvedValue('en');
    render(Briefing, { briefing: { ...briefing, alerts: [] } });
    await userEvent.selectOptions(screen.getByLabelText('Ngôn ngữ tin nhắn'), 'en');
    await waitFor(() => expect(mocked.setCustomerLanguage).toHaveBeenCalledWith(1, 'en'));
  });
});
