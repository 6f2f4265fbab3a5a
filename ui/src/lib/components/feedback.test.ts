import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, backend } from '$lib/backend';
import type { ComplaintView } from '$lib/bindings/ComplaintView';
import { setLocale } from '$lib/i18n/index.svelte';
import ComplaintDetail from './ComplaintDetail.svelte';
import DashboardView from './DashboardView.svelte';
import FeedbackCapture from './FeedbackCapture.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      customerAfterSales: vi.fn(),
      recordFeedback: vi.fn(),
      getComplaint: vi.fn(),
      transitionComplaint: vi.fn(),
      respondComplaint: vi.fn(),
      dashboard: vi.fn(),
      segment: vi.fn(),
    },
  };
});
const mocked = vi.mocked(backend);
const refused = (field: string, code: string) =>
  new BackendError({
    code: 'validation',
    message: '',
    fields: [{ field, code }],
    duplicates: [],
    serial_conflicts: [],
    detail: null,
  });

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
  mocked.customerAfterSales.mockResolvedValue({
    purchases: [
      {
        id: 9,
        receipt_no: 'HD261120-001',
        sold_on: '2026-11-20',
        total: 2490000,
        voided: false,
        products: 'Nồi chiên',
      },
    ],
    units: [],
    claims: [],
    store_credit: 0,
    lifetime_value: 2490000,
  });
});

describe('FeedbackCapture', () => {
  it('turns the screen to the customer, records their score and comes back', async () => {
    mocked.recordFeedback.mockResolvedValue({
      id: 1,
      low: true,
      follow_up_id: 7,
      complaint_code: null,
    });
    const onSaved = vi.fn();
    render(FeedbackCapture, { customerId: 5, onSaved });
    await userEvent.selectOptions(
      await screen.findByLabelText('Liên quan đến'),
      'HD261120-001 · 20/11/2026 · Nồi chiên',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Mời khách tự chấm' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Anh/chị hài lòng thế nào với lần phục vụ hôm nay?');
    const send = within(dialog).getByRole('button', { name: 'Gửi đánh giá' });
    expect(send).toBeDisabled();
    await userEvent.click(within(dialog).getByRole('radio', { name: '2' }));
    await userEvent.type(within(dialog).getByRole('textbox'), 'Chờ lâu');
    await userEvent.click(send);
    expect(mocked.recordFeedback).toHaveBeenCalledWith(
      expect.objectContaining({
        customer_id: 5,
        metric: 'csat',
        score: 2,
        comment: 'Chờ lâu',
        link: { purchase_id: 9, claim_id: null },
      }),
    );
    expect(await within(dialog).findByText('Cảm ơn anh/chị đã đánh giá!')).toBeInTheDocument();
    expect(onSaved).toHaveBeenCalled();
    expect(screen.getByText(/Điểm thấp: đã hẹn gọi lại khách/)).toBeInTheDocument();
  });

  it('shows a refused score as a translated field error and keeps the comment', async () => {
    mocked.recordFeedback.mockRejectedValue(refused('score', 'required'));
    render(FeedbackCapture, { customerId: 5, onSaved: vi.fn() });
    await userEvent.click(screen.getByRole('button', { name: 'Giới thiệu (NPS)' }));
    expect(screen.getAllByRole('radio')).toHaveLength(11);
    await userEvent.type(screen.getByLabelText('Góp ý'), 'Tốt');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu điểm' }));
    expect(await screen.findByText('Vui lòng nhập.')).toBeInTheDocument();
    expect(screen.getByLabelText('Góp ý')).toHaveValue('Tốt');
  });
});

const complaint: ComplaintView = {
  id: 3,
  code: 'KN000003',
  customer_id: 5,
  customer_name: 'Nguyễn Thị Lan',
  category: 'product',
  severity: 'high',
  owner: 'Hoa',
  status: 'in_progress',
  channel: 'phone',
  summary: 'Máy nóng',
  purchase_id: null,
  claim_id: null,
  opened_at: '2026-11-23T03:00:00Z',
  respond_by: '2026-11-23T05:00:00Z',
  resolve_by: '2026-11-24T14:00:00Z',
  first_response_at: '2026-11-23T03:30:00Z',
  resolved_at: null,
  closed_at: null,
  response_minutes: 30,
  resolution_minutes: null,
  resolution: '',
  response_breached: false,
  resolution_breached: false,
  minutes_left: 45,
  target_state: 'soon',
  allowed_moves: ['waiting_customer', 'resolved'],
  events: [],
  goodwill: [],
  goodwill_total: 0,
};

describe('ComplaintDetail', () => {
  it('asks for a note before resolving and keeps what was typed', async () => {
    mocked.getComplaint.mockResolvedValue(complaint);
    mocked.transitionComplaint.mockRejectedValueOnce(refused('note', 'required'));
    render(ComplaintDetail, { id: 3, onOpen: vi.fn(), onChanged: vi.fn() });
    expect(await screen.findByTestId('sla')).toHaveTextContent('Giải quyết: còn 0 giờ 45 phút');
    await userEvent.click(screen.getByRole('button', { name: 'Đã giải quyết' }));
    expect(await screen.findByText('Vui lòng nhập.')).toBeInTheDocument();
    mocked.transitionComplaint.mockResolvedValueOnce({
      ...complaint,
      status: 'resolved',
      resolved_at: '2026-11-23T06:00:00Z',
      resolution: 'Đổi máy',
      minutes_left: null,
      target_state: 'done',
      allowed_moves: ['in_progress', 'closed'],
    });
    await userEvent.type(screen.getByLabelText(/Ghi chú/), 'Đổi máy');
    await userEvent.click(screen.getByRole('button', { name: 'Đã giải quyết' }));
    await waitFor(() =>
      expect(mocked.transitionComplaint).toHaveBeenLastCalledWith(3, {
        to: 'resolved',
        note: 'Đổi máy',
      }),
    );
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Đã giải quyết');
    expect(screen.getByTestId('sla')).toHaveTextContent('Đúng hạn');
  });
});

describe('DashboardView', () => {
  it('refuses a period running backwards with a translated error and keeps it', async () => {
    mocked.dashboard.mockRejectedValue(refused('to', 'period_reversed'));
    render(DashboardView);
    const from = screen.getByLabelText('Từ ngày');
    await userEvent.clear(from);
    await userEvent.type(from, '30/11/2026');
    const to = screen.getByLabelText('Đến ngày');
    await userEvent.clear(to);
    await userEvent.type(to, '01/11/2026');
    await userEvent.click(screen.getByRole('button', { name: 'Xem' }));
    expect(await screen.findByText('"Đến ngày" trước "từ ngày".')).toBeInTheDocument();
    expect(mocked.dashboard).toHaveBeenLastCalledWith(
      { from: '30/11/2026', to: '01/11/2026' },
      null,
    );
    expect(to).toHaveValue('01/11/2026');
  });
});
