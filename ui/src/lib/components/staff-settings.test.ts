import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import type { StaffView } from '$lib/bindings/StaffView';
import { setLocale } from '$lib/i18n/index.svelte';
import StaffSettings from './StaffSettings.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      listStaff: vi.fn(),
      rolePermissions: vi.fn(),
      unlockStaff: vi.fn(),
      saveStaff: vi.fn(),
      // Issue 15: a single shop (no stores to pick).
      staffStores: vi.fn(async () => ({ here: null, stores: [], members: [] })),
    },
  };
});
const mocked = vi.mocked(backend);

const person = (id: number, name: string, over: Partial<StaffView> = {}): StaffView => ({
  id,
  name,
  role: 'staff',
  active: true,
  locked_until: null,
  lock_level: 0,
  needs_unlock: false,
  ...over,
});

beforeEach(() => {
  vi.resetAllMocks();
  setLocale('vi');
  mocked.rolePermissions.mockResolvedValue([
    ['manager', []],
    ['staff', []],
  ]);
});

describe('StaffSettings', () => {
  it('shows an account locked for good and lets the owner unlock it', async () => {
    const locked = person(2, 'Lan', { lock_level: 4, needs_unlock: true });
    mocked.listStaff.mockResolvedValueOnce([person(1, 'Chủ Hà', { role: 'owner' }), locked]);
    mocked.listStaff.mockResolvedValueOnce([
      person(1, 'Chủ Hà', { role: 'owner' }),
      person(2, 'Lan'),
    ]);
    mocked.unlockStaff.mockResolvedValue(person(2, 'Lan'));
    render(StaffSettings);
    expect(await screen.findByText('Bị khóa, chờ chủ cửa hàng mở khóa')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mở khóa Chủ Hà' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Mở khóa Lan' }));
    expect(mocked.unlockStaff).toHaveBeenCalledWith(2);
    expect(await screen.findByRole('status')).toHaveTextContent('Đã mở khóa tài khoản Lan.');
    expect(screen.queryByText('Bị khóa, chờ chủ cửa hàng mở khóa')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Mở khóa Lan' })).toBeNull();
  });

  it('asks for 6 to 8 digits for a manager, and a new PIN when staff is promoted', async () => {
    mocked.listStaff.mockResolvedValue([person(2, 'Lan')]);
    render(StaffSettings);
    expect(screen.getByLabelText('Mã PIN (4–8 số)')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Vai trò'), 'manager');
    expect(screen.getByLabelText('Mã PIN (6–8 số)')).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Sửa Lan' }));
    expect(screen.getByLabelText('Mã PIN mới (để trống nếu giữ nguyên)')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Vai trò'), 'manager');
    expect(screen.getByLabelText('Mã PIN mới (6–8 số, cần khi nâng vai trò)')).toBeInTheDocument();
  });
});
