import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, backend } from '$lib/backend';
import type { ReminderView } from '$lib/bindings/ReminderView';
import type { TodayQueue } from '$lib/bindings/TodayQueue';
import { setLocale } from '$lib/i18n/index.svelte';
import TodayView from './TodayView.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      careToday: vi.fn(),
      contactMessage: vi.fn(),
      recordOutcome: vi.fn(),
      dismissReminder: vi.fn(),
      openContact: vi.fn(),
    },
  };
});

const mocked = vi.mocked(backend);

function reminder(
  id: number,
  kind: ReminderView['kind'],
  due_on: string,
  name: string,
): ReminderView {
  return {
    id,
    kind,
    customer_id: id * 10,
    customer_name: name,
    greeting: 'chị ' + name.split(' ').pop(),
    phone: '0912 345 678',
    phone_digits: '0912345678',
    subject: 'purchase',
    subject_id: 1,
    subject_label: 'HD261115-001 · Nồi chiên',
    due_on,
    due_at: `${due_on}T01:00:00Z`,
    status: 'open',
    attempts: 0,
    assignee: '',
    note: '',
    outcome: null,
  };
}

function queue(items: ReminderView[]): TodayQueue {
  const kinds = [...new Set(items.map((r) => r.kind))];
  return {
    today: '2026-11-23',
    total: items.length,
    items,
    occasions: [],
    counts: kinds.map((kind) => ({ kind, count: items.filter((r) => r.kind === kind).length })),
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
  mocked.contactMessage.mockResolvedValue({
    text: 'Chào chị Hân, …',
    zalo_url: 'https://zalo.me/0912345678',
    has_phone: true,
    tel_url: 'tel:0912345678',
  });
});

describe('TodayView', () => {
  it('groups the queue, late claims first, and works it from the keyboard', async () => {
    mocked.careToday.mockResolvedValue(
      queue([
        reminder(1, 'check_in', '2026-11-22', 'Đặng Thị Ngọc Hân'),
        reminder(2, 'claim_overdue', '2026-11-20', 'Lê Văn Tám'),
      ]),
    );
    render(TodayView, { onOpen: vi.fn(), onChanged: vi.fn() });
    const items = await screen.findAllByRole('button', { name: /chị|anh/ });
    expect(items.map((b) => b.dataset.kind)).toEqual(['claim_overdue', 'check_in']);
    expect(items[0]).toHaveTextContent('trễ 3 ngày');
    items[0]?.focus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(mocked.contactMessage).toHaveBeenCalledWith(1));
    expect(await screen.findByLabelText('Tin nhắn')).toHaveValue('Chào chị Hân, …');
  });

  it("reloads when other stores' changes arrive, keeping what is being typed", async () => {
    mocked.careToday.mockResolvedValue(
      queue([reminder(1, 'check_in', '2026-11-22', 'Đặng Thị Ngọc Hân')]),
    );
    const view = render(TodayView, { onOpen: vi.fn(), onChanged: vi.fn(), refreshKey: 0 });
    await userEvent.click(await screen.findByRole('button', { name: /Hân/ }));
    await userEvent.type(await screen.findByLabelText('Ghi chú kết quả'), 'Đã hẹn');
    mocked.careToday.mockResolvedValue(
      queue([
        reminder(1, 'check_in', '2026-11-22', 'Đặng Thị Ngọc Hân'),
        reminder(3, 'birthday', '2026-11-23', 'Phan Văn Lộc'),
      ]),
    );
    await view.rerender({ refreshKey: 1 });
    expect(await screen.findByRole('button', { name: /Lộc/ })).toBeInTheDocument();
    expect(mocked.careToday).toHaveBeenCalledTimes(2);
    expect(screen.getByLabelText('Ghi chú kết quả')).toHaveValue('Đã hẹn');
  });

  it('records an outcome and keeps the note when the backend refuses it', async () => {
    mocked.careToday.mockResolvedValue(
      queue([reminder(1, 'check_in', '2026-11-22', 'Đặng Thị Ngọc Hân')]),
    );
    const onChanged = vi.fn();
    render(TodayView, { onOpen: vi.fn(), onChanged });
    await userEvent.click(await screen.findByRole('button', { name: /Hân/ }));
    await screen.findByLabelText('Tin nhắn');
    await userEvent.type(screen.getByLabelText('Ghi chú kết quả'), 'Hẹn thứ Năm');
    await userEvent.type(
      screen.getByPlaceholderText('Hẹn gọi lại ngày (dd/MM/yyyy)'),
      '20/11/2026',
    );
    mocked.recordOutcome.mockRejectedValueOnce(
      new BackendError({
        code: 'validation',
        message: '',
        fields: [{ field: 'call_back_on', code: 'date_not_future' }],
        duplicates: [],
        serial_conflicts: [],
        detail: null,
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Hẹn gọi lại' }));
    expect(await screen.findByText('Chọn một ngày sau hôm nay.')).toBeInTheDocument();
    expect(screen.getByLabelText('Ghi chú kết quả')).toHaveValue('Hẹn thứ Năm');
    expect(onChanged).not.toHaveBeenCalled();

    mocked.recordOutcome.mockResolvedValueOnce({
      reminder: reminder(1, 'check_in', '2026-11-22', 'x'),
      interaction_id: 5,
      next_on: null,
    });
    mocked.careToday.mockResolvedValue(queue([]));
    await userEvent.click(screen.getByRole('button', { name: 'Đã liên lạc được' }));
    expect(mocked.recordOutcome).toHaveBeenLastCalledWith(1, {
      outcome: 'reached',
      channel: 'phone',
      note: 'Hẹn thứ Năm',
      call_back_on: '20/11/2026',
    });
    expect(await screen.findByText('Không có khách nào cần chăm sóc hôm nay.')).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });
});
