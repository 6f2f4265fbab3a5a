import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import type { ClaimView } from '$lib/bindings/ClaimView';
import { setLocale } from '$lib/i18n/index.svelte';
import ClaimDetail from './ClaimDetail.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: { getClaim: vi.fn(), lendLoanUnit: vi.fn(), returnLoanUnit: vi.fn() },
  };
});

const mocked = vi.mocked(backend);

function claim(loan: Partial<ClaimView>): ClaimView {
  return {
    summary: {
      id: 5,
      code: 'BH000005',
      status: 'awaiting_parts',
      customer_id: 7,
      customer_name: 'Nguyễn Thị Lan',
      product_name: 'Laptop Dell Inspiron 14',
      serial: 'ABC123',
      symptom: 'Bản lề gãy',
      under_warranty: true,
      received_on: '2026-11-17',
      promised_on: '2026-11-22',
      closed_on: null,
      technician: '',
      overdue: true,
      days_at_service_center: null,
      service_center_overdue: false,
      conflict: null,
    },
    condition_note: '',
    accessories: '',
    lock_note: '',
    loan_unit: '',
    loan_lent_on: null,
    loan_returned_on: null,
    service_center: '',
    sent_on: null,
    back_on: null,
    quote: null,
    quote_approved: null,
    fee_charged: 0,
    internal_cost: 0,
    resolution_note: '',
    replacement_unit_id: null,
    refund_amount: null,
    opened_by: 'Hân',
    customer_greeting: 'chị Lan',
    customer_phone: null,
    unit: {
      id: 3,
      serial: 'ABC123',
      status: 'sold',
      purchase_id: 2,
      receipt_no: 'HD1',
      line_id: 2,
      product_name: 'Laptop Dell Inspiron 14',
      customer_id: 7,
      customer_name: 'Nguyễn Thị Lan',
      sold_on: '2026-06-01',
      replaces_unit_id: null,
      open_claim_id: 5,
      coverage: {
        state: 'under_warranty',
        start: '2026-06-01',
        end: '2027-06-01',
        days_left: 190,
        exchange_until: null,
        extension_days: 0,
        claims: 1,
        repairs_in_term: 1,
        replacement_due: false,
      },
    },
    events: [],
    next: ['repairing'],
    ...loan,
  };
}

const props = { id: 5, onOpen: vi.fn(), onPrint: vi.fn(), onChanged: vi.fn() };

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
});

describe('ClaimDetail loan unit', () => {
  it('lends a unit with what was typed, then shows it as out with the customer', async () => {
    mocked.getClaim.mockResolvedValue(claim({}));
    mocked.lendLoanUnit.mockResolvedValue(
      claim({ loan_unit: 'Máy mượn Dell 5400', loan_lent_on: '2026-11-29' }),
    );
    render(ClaimDetail, props);
    await userEvent.click(await screen.findByRole('button', { name: 'Cho mượn máy' }));
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Máy cho mượn' }),
      'Máy mượn Dell 5400',
    );
    const confirm = screen.getAllByRole('button', { name: 'Cho mượn máy' }).at(-1)!;
    await userEvent.click(confirm);
    expect(mocked.lendLoanUnit).toHaveBeenCalledWith(5, { unit: 'Máy mượn Dell 5400', on: '' });
    const shown = await screen.findByTestId('loan-unit');
    expect(shown.textContent).toContain('cho mượn 29/11/2026');
    expect(shown.textContent).toContain('khách đang giữ');
    expect(screen.getByRole('button', { name: 'Thu hồi máy mượn' })).toBeTruthy();
  });

  it('takes a loan back on the day typed and no longer offers to', async () => {
    const out = { loan_unit: 'Máy mượn A05', loan_lent_on: '2026-11-17' };
    mocked.getClaim.mockResolvedValue(claim(out));
    mocked.returnLoanUnit.mockResolvedValue(claim({ ...out, loan_returned_on: '2026-11-28' }));
    render(ClaimDetail, props);
    await userEvent.click(await screen.findByRole('button', { name: 'Thu hồi máy mượn' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Ngày' }), '28/11/2026');
    await userEvent.click(screen.getAllByRole('button', { name: 'Thu hồi máy mượn' }).at(-1)!);
    expect(mocked.returnLoanUnit).toHaveBeenCalledWith(5, { unit: '', on: '28/11/2026' });
    const shown = await screen.findByTestId('loan-unit');
    expect(shown.textContent).toContain('đã thu hồi 28/11/2026');
    expect(shown.textContent).not.toContain('khách đang giữ');
  });
});
