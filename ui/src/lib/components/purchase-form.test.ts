import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import type { Product } from '$lib/bindings/Product';
import type { PurchaseView } from '$lib/bindings/PurchaseView';
import { setLocale } from '$lib/i18n/index.svelte';
import PurchaseForm from './PurchaseForm.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: { getProduct: vi.fn(), parseMoney: vi.fn(), findProducts: vi.fn() },
  };
});
const mocked = vi.mocked(backend);

const cooker: Product = {
  id: 4,
  code: 'SP00004',
  name: 'Nồi cơm',
  category: 'Gia dụng',
  price: 990_000,
  warranty_months: 0,
  exchange_days: 7,
  policy_id: null,
  policy_name: null,
  repurchase_days: null,
  serial_required: false,
  archived: false,
};
const sale = {
  id: 1,
  receipt_no: 'HD261123-001',
  sold_on: '2026-11-23',
  note: '',
  lines_locked: false,
  units: [],
  lines: [
    {
      id: 11,
      product_id: 4,
      product_name: 'Nồi cơm',
      quantity: 2,
      unit_price: 900_000,
      discount: 0,
      line_total: 1_800_000,
      warranty_months: 0,
      exchange_days: 7,
      policy: { name: '', text: '', rules: [] },
      returned_quantity: 0,
    },
  ],
} as unknown as PurchaseView;
// What the core's `parse_money` answers for the amounts this test types.
const core: Record<string, number> = { '900000': 900_000, '1tr490': 1_490_000, '90k': 90_000 };

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
  mocked.findProducts.mockResolvedValue([]);
  mocked.getProduct.mockResolvedValue(cooker);
  mocked.parseMoney.mockImplementation(async (inputs) => inputs.map((s) => core[s] ?? null));
});

describe('PurchaseForm', () => {
  it('totals what is typed as the core reads it, asking once per amount', async () => {
    render(PurchaseForm, {
      customerId: 5,
      customerName: 'Nguyễn Thị Lan',
      editing: sale,
      onSaved: vi.fn(),
      onCancel: vi.fn(),
    });
    const total = () => screen.getByText(/Tổng cộng/).closest('p');
    await waitFor(() => expect(total()).toHaveTextContent('Tổng cộng: 1.800.000 ₫'));
    const price = screen.getByLabelText('Đơn giá');
    await userEvent.clear(price);
    await userEvent.type(price, '1tr490');
    await userEvent.type(screen.getByLabelText('Giảm giá'), '90k');
    await waitFor(() => expect(total()).toHaveTextContent('Tổng cộng: 2.890.000 ₫'));
    const asked = mocked.parseMoney.mock.calls.flatMap(([inputs]) => inputs);
    expect(asked).toContain('1tr490');
    expect(new Set(asked).size, 'each amount is asked once').toBe(asked.length);
    // Unreadable text counts as nothing until the core can read it; saving shows its error.
    await userEvent.type(price, 'x');
    await waitFor(() => expect(total()).toHaveTextContent('Tổng cộng: 0 ₫'));
  });
});
