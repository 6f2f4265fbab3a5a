import { render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import type { PurchaseDraft } from '$lib/bindings/PurchaseDraft';
import type { Settlement } from '$lib/bindings/Settlement';
import { setLocale } from '$lib/i18n/index.svelte';
import { emptyTender } from '$lib/loyalty';
import SaleTender from './SaleTender.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return { BackendError: actual.BackendError, backend: { previewTender: vi.fn() } };
});
const mocked = vi.mocked(backend);

const base: Settlement = {
  goods_total: 3_000_000,
  tier_name: 'Bạc',
  tier_id: 2,
  tier_pct: 2,
  tier_discount: 60_000,
  voucher_id: null,
  voucher_discount: 0,
  to_pay: 2_940_000,
  points_held: 500,
  point_value: 100,
  min_balance: 100,
  points_used: 0,
  points_value: 0,
  credit_held: 200_000,
  credit_used: 0,
  due: 2_940_000,
  paid: 2_940_000,
  change: 0,
  owed: 0,
  due_on: null,
  method: 'cash',
  points_earned: 294,
  errors: [],
};

function draft(): PurchaseDraft {
  return {
    receipt_no: '',
    sold_on: '',
    customer_id: 5,
    note: '',
    lines: [{ product_id: 1, quantity: 1, unit_price: '', discount: '', serials: [] }],
    tender: emptyTender(),
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
});

const typed = (tender: Partial<PurchaseDraft['tender']>): PurchaseDraft => {
  const d = draft();
  return { ...d, tender: { ...d.tender, ...tender } };
};

describe('SaleTender', () => {
  it('shows the core total, and asks for a due date once something is left owing', async () => {
    // What the core answers depends on what is typed.
    mocked.previewTender.mockImplementation(async (d) =>
      d.tender.paid === '1tr'
        ? { ...base, paid: 1_000_000, owed: 1_940_000 }
        : d.tender.points === '999'
          ? { ...base, errors: [{ field: 'points', code: 'points_over_balance' }] }
          : base,
    );
    const d = draft();
    const { rerender } = render(SaleTender, { draft: d, tender: d.tender });
    await waitFor(() =>
      expect(screen.getByTestId('tender-total')).toHaveTextContent('2.940.000 ₫'),
    );
    expect(screen.getByTestId('tender-tier-amount')).toHaveTextContent('60.000 ₫');
    expect(screen.getByTestId('tender-points-earned')).toHaveTextContent('294');
    expect(screen.queryByTestId('tender-due-on')).toBeNull();
    const owing = typed({ paid: '1tr' });
    await rerender({ draft: owing, tender: owing.tender });
    await waitFor(() => expect(screen.getByTestId('tender-owed')).toHaveTextContent('1.940.000 ₫'));
    expect(screen.getByTestId('tender-due-on')).toBeInTheDocument();
    const over = typed({ points: '999' });
    await rerender({ draft: over, tender: over.tender });
    await waitFor(() =>
      expect(screen.getByText('Nhiều hơn số điểm khách đang có.')).toBeInTheDocument(),
    );
    expect(screen.getByTestId('tender-points')).toHaveValue('999');
    // A change the total does not read (the note) asks the core nothing new.
    const calls = mocked.previewTender.mock.calls.length;
    const noted = { ...typed({ points: '999' }), note: 'Giao tận nhà' };
    await rerender({ draft: noted, tender: noted.tender });
    await new Promise((r) => setTimeout(r, 300));
    expect(mocked.previewTender.mock.calls.length).toBe(calls);
  });

  it('shows a refused save’s messages in place of the live ones', async () => {
    mocked.previewTender.mockResolvedValue({
      ...base,
      errors: [{ field: 'paid', code: 'owing_needs_customer' }],
    });
    const d = draft();
    render(SaleTender, { draft: d, tender: d.tender, saveErrors: { paid: ['Lỗi khi lưu.'] } });
    await waitFor(() => expect(screen.getByTestId('tender-total')).toBeInTheDocument());
    expect(screen.getByText('Lỗi khi lưu.')).toBeInTheDocument();
    expect(screen.queryByText(/Khách lẻ không ghi nợ/)).toBeNull();
  });
});
