// The approval dialog wired into the screens that need it: refused for a permission a manager
// may lend, the screen opens the dialog over what was typed and retries with the approval.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, backend } from '$lib/backend';
import type { ComplaintView } from '$lib/bindings/ComplaintView';
import { setLocale } from '$lib/i18n/index.svelte';
import ComplaintDetail from './ComplaintDetail.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: { getComplaint: vi.fn(), addGoodwillApproved: vi.fn(), approvers: vi.fn() },
  };
});
const mocked = vi.mocked(backend);

const failure = (code: string, detail: string | null) =>
  new BackendError({
    code,
    message: '',
    fields: [],
    duplicates: [],
    serial_conflicts: [],
    detail,
  });

const open: ComplaintView = {
  id: 3,
  code: 'KN000003',
  customer_id: 5,
  customer_name: 'Nguyễn Thị Lan',
  category: 'service',
  severity: 'medium',
  owner: 'Lan',
  status: 'in_progress',
  channel: 'phone',
  summary: 'Chờ lâu',
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
  allowed_moves: ['resolved'],
  events: [],
  goodwill: [],
  goodwill_total: 0,
};

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
});

describe('goodwill by an account without approve_goodwill', () => {
  it("opens the approval over the gift as typed and gives it on the manager's PIN", async () => {
    mocked.getComplaint.mockResolvedValue(open);
    mocked.approvers.mockResolvedValue([{ id: 2, name: 'Minh', role: 'manager' }]);
    const given: ComplaintView = {
      ...open,
      goodwill: [
        {
          id: 1,
          what: 'Phiếu mua hàng',
          value: 200000,
          approved_by: 'Minh',
          pin_approved: true,
          at: '2026-11-23T04:00:00Z',
          staff: 'Lan',
        },
      ],
      goodwill_total: 200000,
    };
    mocked.addGoodwillApproved
      .mockRejectedValueOnce(failure('forbidden', 'approve_goodwill'))
      .mockResolvedValueOnce(given);
    const onChanged = vi.fn();
    render(ComplaintDetail, { id: 3, onOpen: vi.fn(), onChanged });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Nội dung'), 'Phiếu mua hàng');
    await user.type(screen.getByLabelText('Giá trị (đồng)'), '200k');
    await user.click(screen.getByRole('button', { name: '+ Thêm' }));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Duyệt quà xin lỗi');
    expect((screen.getByLabelText('Nội dung') as HTMLInputElement).value).toBe('Phiếu mua hàng');
    await user.type(screen.getByLabelText('Mã PIN người duyệt'), '975310');
    await user.click(screen.getByRole('button', { name: 'Duyệt' }));

    const gift = { what: 'Phiếu mua hàng', value: '200k', approved_by: '' };
    expect(mocked.addGoodwillApproved).toHaveBeenNthCalledWith(1, 3, gift, null);
    expect(mocked.addGoodwillApproved).toHaveBeenNthCalledWith(2, 3, gift, {
      approver_id: 2,
      pin: '975310',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('goodwill')).toHaveTextContent('đã xác nhận bằng mã PIN');
    expect(onChanged).toHaveBeenCalled();
  });

  it('closes the dialog when cancelled, the gift still typed', async () => {
    mocked.getComplaint.mockResolvedValue(open);
    mocked.approvers.mockResolvedValue([{ id: 2, name: 'Minh', role: 'manager' }]);
    mocked.addGoodwillApproved.mockRejectedValueOnce(failure('forbidden', 'approve_goodwill'));
    render(ComplaintDetail, { id: 3, onOpen: vi.fn(), onChanged: vi.fn() });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Nội dung'), 'Ốp lưng');
    await user.click(screen.getByRole('button', { name: '+ Thêm' }));
    await screen.findByRole('dialog');
    await user.click(screen.getByRole('button', { name: 'Hủy' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((screen.getByLabelText('Nội dung') as HTMLInputElement).value).toBe('Ốp lưng');
  });
});
