import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClaimConflict } from './bindings/ClaimConflict';
import { conflictNotice, describeMove } from './claimConflict';
import { setLocale } from './i18n/index.svelte';
import ClaimConflictNotice from './components/ClaimConflictNotice.svelte';

const conflict: ClaimConflict = {
  clock: '001764471600000-000003-Q3',
  first: {
    store: 'Q1',
    staff: 'Lan',
    from_status: 'diagnosing',
    to_status: 'repairing',
    happened_on: '2026-11-23',
  },
  second: {
    store: 'Q3',
    staff: 'Bình',
    from_status: 'diagnosing',
    to_status: 'at_service_center',
    happened_on: '2026-11-24',
  },
  second_applied: true,
};

beforeEach(() => setLocale('vi'));

describe('the notice of two stores moving one claim', () => {
  it('names both stores, their staff, both moves and the state kept, in Vietnamese', () => {
    expect(conflictNotice(conflict, 'at_service_center')).toBe(
      'Hai cửa hàng cùng cập nhật phiếu này: cửa hàng Q1 (Lan) chuyển Kiểm tra → Đang sửa ngày ' +
        '23/11/2026; cửa hàng Q3 (Bình) chuyển Kiểm tra → Gửi hãng ngày 24/11/2026. ' +
        'Phiếu giữ trạng thái: Gửi hãng. Cả hai bước đều được ghi nhận — kiểm tra lại máy và ghi chú.',
    );
  });

  it('says when the later move was set aside, and reads in English', () => {
    setLocale('en');
    const text = conflictNotice({ ...conflict, second_applied: false }, 'repairing');
    expect(text).toContain('Two stores updated this claim at the same time');
    expect(text).toContain('store Q3 (Bình) moved it');
    expect(text).toContain('was not applied');
    expect(text).not.toContain('Both moves were recorded');
  });

  it('names only the staff outside a chain (no store code)', () => {
    expect(describeMove({ ...conflict.first, store: '' })).toBe(
      'Lan chuyển Kiểm tra → Đang sửa ngày 23/11/2026',
    );
  });

  it('offers "Seen" on the claim, and only reads on the board', async () => {
    const seen = vi.fn();
    const { unmount } = render(ClaimConflictNotice, {
      conflict,
      status: 'at_service_center',
      onAcknowledge: seen,
    });
    expect(screen.getByTestId('claim-conflict')).toHaveTextContent('cửa hàng Q3 (Bình)');
    await userEvent.click(screen.getByRole('button', { name: 'Đã xem' }));
    expect(seen).toHaveBeenCalledOnce();
    unmount();
    render(ClaimConflictNotice, { conflict, status: 'at_service_center' });
    expect(screen.getByTestId('claim-conflict')).toHaveTextContent('Hai cửa hàng');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
