import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, backend } from '$lib/backend';
import type { SearchHit } from '$lib/bindings/SearchHit';
import { emptyForm } from '$lib/form';
import { setLocale } from '$lib/i18n/index.svelte';
import CustomerForm from './CustomerForm.svelte';
import SearchPanel from './SearchPanel.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      searchCustomers: vi.fn(),
      lookupSales: vi.fn(),
      checkCustomer: vi.fn(),
      createCustomer: vi.fn(),
      updateCustomer: vi.fn(),
    },
  };
});

const mocked = vi.mocked(backend);

function hit(id: number, name: string, phone: string): SearchHit {
  return {
    id,
    full_name: name,
    greeting: 'chị ' + name.split(' ').pop(),
    primary_phone: phone,
    primary_phone_canonical: phone.replace(/ /g, ''),
    matched_phone: null,
    match_kind: 'given_name',
    archived: false,
    has_alert: false,
    tier: null,
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
  Element.prototype.scrollIntoView = vi.fn();
  mocked.lookupSales.mockResolvedValue({ units: [], purchases: [], claims: [] });
});

describe('SearchPanel', () => {
  it('shows matches as options and opens the chosen one with the keyboard', async () => {
    mocked.searchCustomers.mockResolvedValue({
      hits: [hit(7, 'Đặng Thị Ngọc Hân', '0912 345 678'), hit(9, 'Lê Thị Hân', '0903 000 111')],
      more: false,
      too_few_digits: false,
    });
    const onOpen = vi.fn();
    render(SearchPanel, { onOpen });
    const box = screen.getByRole('combobox', { name: 'Tìm khách hàng' });
    await userEvent.type(box, 'han');
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(2);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(mocked.searchCustomers).toHaveBeenLastCalledWith('han', {
      limit: 30,
      include_archived: false,
    });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenCalledWith({ kind: 'customer', id: 9 });
  });

  it('lists units and claims after customers, typed, and opens their own views', async () => {
    mocked.searchCustomers.mockResolvedValue({
      hits: [hit(7, 'Đặng Thị Ngọc Hân', '0912 345 678')],
      more: false,
      too_few_digits: false,
    });
    const coverage = {
      state: 'under_warranty',
      start: '2026-05-12',
      end: '2027-05-12',
      days_left: 170,
      exchange_until: null,
      extension_days: 0,
      claims: 0,
      repairs_in_term: 0,
      replacement_due: false,
    } as const;
    mocked.lookupSales.mockResolvedValue({
      units: [
        {
          id: 3,
          serial: '356938035643809',
          status: 'sold',
          purchase_id: 11,
          receipt_no: 'HD1',
          line_id: 4,
          product_name: 'iPhone 15',
          customer_id: 7,
          customer_name: 'Đặng Thị Ngọc Hân',
          sold_on: '2026-05-12',
          replaces_unit_id: null,
          open_claim_id: null,
          coverage,
        },
      ],
      purchases: [],
      claims: [
        {
          id: 21,
          code: 'BH000021',
          status: 'at_service_center',
          customer_id: 7,
          customer_name: 'Hân',
          product_name: 'iPhone 15',
          serial: null,
          symptom: 'x',
          under_warranty: true,
          received_on: '2026-11-01',
          promised_on: null,
          closed_on: null,
          technician: '',
          overdue: false,
          days_at_service_center: 3,
          service_center_overdue: false,
          conflict: null,
        },
      ],
    });
    const onOpen = vi.fn();
    render(SearchPanel, { onOpen });
    await userEvent.type(screen.getByRole('combobox'), '43809');
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(3);
    expect(options[1]).toHaveTextContent('Bảo hành đến 12/05/2027 — còn 170 ngày');
    expect(options[2]).toHaveTextContent('Gửi hãng');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith({ kind: 'purchase', id: 11 });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith({ kind: 'claim', id: 21 });
  });

  it('renders a hostile name as plain text', async () => {
    mocked.searchCustomers.mockResolvedValue({
      hits: [hit(1, '<img src=x onerror=alert(1)>', '0912 345 678')],
      more: false,
      too_few_digits: false,
    });
    const { container } = render(SearchPanel, { onOpen: vi.fn() });
    await userEvent.type(screen.getByRole('combobox'), 'img');
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it('says when nothing matches, and asks for more digits', async () => {
    mocked.searchCustomers.mockResolvedValue({ hits: [], more: false, too_few_digits: false });
    render(SearchPanel, { onOpen: vi.fn() });
    const box = screen.getByRole('combobox');
    await userEvent.type(box, 'zzz');
    expect(await screen.findByText('Không tìm thấy khách nào khớp “zzz”.')).toBeInTheDocument();
    // The core decides that two digits are too few; the panel only shows it.
    mocked.searchCustomers.mockResolvedValue({ hits: [], more: false, too_few_digits: true });
    await userEvent.clear(box);
    await userEvent.type(box, '67');
    expect(await screen.findByText(/ít nhất 3 chữ số/)).toBeInTheDocument();
  });
});

describe('CustomerForm', () => {
  it('shows translated inline errors and keeps everything typed', async () => {
    mocked.createCustomer.mockRejectedValue(
      new BackendError({
        code: 'validation',
        message: 'invalid',
        fields: [{ field: 'email', code: 'email_invalid' }],
        duplicates: [],
        serial_conflicts: [],
        detail: null,
      }),
    );
    render(CustomerForm, {
      initial: emptyForm(),
      onSaved: vi.fn(),
      onCancel: vi.fn(),
      onOpenExisting: vi.fn(),
    });
    await userEvent.type(screen.getByLabelText('Họ và tên'), 'Trần Thị Lan');
    await userEvent.type(screen.getByLabelText('Email'), 'lan@@x');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Email không hợp lệ.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Họ và tên')).toHaveValue('Trần Thị Lan');
    expect(screen.getByLabelText('Email')).toHaveValue('lan@@x');
  });

  it('offers the existing customer on a duplicate phone, or saves anyway', async () => {
    const dup = {
      id: 5,
      full_name: 'Nguyễn Thị Lan',
      greeting: 'chị Lan',
      primary_phone: '0912345678',
      reason: 'phone',
      archived: false,
    };
    mocked.createCustomer
      .mockRejectedValueOnce(
        new BackendError({
          code: 'duplicate_suspected',
          message: 'dup',
          fields: [],
          duplicates: [dup],
          serial_conflicts: [],
          detail: null,
        }),
      )
      .mockResolvedValueOnce({ id: 6 } as never);
    const onOpenExisting = vi.fn();
    const onSaved = vi.fn();
    render(CustomerForm, { initial: emptyForm(), onSaved, onCancel: vi.fn(), onOpenExisting });
    await userEvent.type(screen.getByLabelText('Họ và tên'), 'Trần Văn Nam');
    await userEvent.type(screen.getByLabelText('Số điện thoại 1'), '0912345678');
    await fireEvent.submit(
      screen.getByRole('button', { name: 'Lưu' }).closest('form') as HTMLFormElement,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Mở Nguyễn Thị Lan' }));
    expect(onOpenExisting).toHaveBeenCalledWith(5);
    await userEvent.click(screen.getByRole('button', { name: 'Vẫn lưu khách mới' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(mocked.createCustomer.mock.calls[1]?.[0].allow_duplicate).toBe(true);
  });
});

describe('CustomerForm advisory check', () => {
  it('does not reflow the form once Save is pressed', async () => {
    let answer: (v: unknown) => void = () => {};
    mocked.checkCustomer.mockReturnValue(new Promise((r) => (answer = r)) as never);
    mocked.createCustomer.mockReturnValue(new Promise(() => {}) as never);
    const dup = {
      id: 5,
      full_name: 'Nguyễn Thị Lan',
      greeting: 'chị Lan',
      primary_phone: '0912 345 678',
      reason: 'phone',
      archived: false,
    };
    render(CustomerForm, {
      initial: emptyForm(),
      onSaved: vi.fn(),
      onCancel: vi.fn(),
      onOpenExisting: vi.fn(),
    });
    await userEvent.type(screen.getByLabelText('Số điện thoại 1'), '0912345678');
    // Pressing Save blurs the phone field (starting the check) before the click lands.
    await fireEvent.pointerDown(screen.getByRole('button', { name: 'Lưu' }));
    await fireEvent.blur(screen.getByLabelText('Số điện thoại 1'));
    answer({ errors: [], warnings: [], duplicates: [dup] });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByText('Có thể khách này đã có trong hệ thống')).toBeNull();
  });

  it('shows possible duplicates early when the phone field is left', async () => {
    const dup = {
      id: 5,
      full_name: 'Nguyễn Thị Lan',
      greeting: 'chị Lan',
      primary_phone: '0912 345 678',
      reason: 'phone',
      archived: false,
    };
    mocked.checkCustomer.mockResolvedValue({ errors: [], warnings: [], duplicates: [dup] });
    render(CustomerForm, {
      initial: emptyForm(),
      onSaved: vi.fn(),
      onCancel: vi.fn(),
      onOpenExisting: vi.fn(),
    });
    await userEvent.type(screen.getByLabelText('Số điện thoại 1'), '0912345678');
    await userEvent.tab();
    expect(await screen.findByText('Có thể khách này đã có trong hệ thống')).toBeInTheDocument();
  });
});
