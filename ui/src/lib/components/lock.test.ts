import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, backend } from '$lib/backend';
import { setLocale } from '$lib/i18n/index.svelte';
import LockScreen from './LockScreen.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return { BackendError: actual.BackendError, backend: { createOwner: vi.fn(), signIn: vi.fn() } };
});
const mocked = vi.mocked(backend);

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
});

const staff = [
  { id: 1, name: 'Chủ Hà', role: 'owner' as const, active: true, locked_until: null },
  { id: 2, name: 'Lan', role: 'staff' as const, active: true, locked_until: null },
];

describe('LockScreen', () => {
  it('creates the first owner only when both PINs match', async () => {
    const onSignedIn = vi.fn();
    const actor = { id: 1, name: 'Chủ Hà', role: 'owner' as const, permissions: [] };
    mocked.createOwner.mockResolvedValue(actor);
    render(LockScreen, { info: { needs_owner: true, staff: [], actor: null, idle_minutes: 5 }, onSignedIn });
    await userEvent.type(screen.getByLabelText('Tên chủ cửa hàng'), 'Chủ Hà');
    await userEvent.type(screen.getByLabelText('Mã PIN'), '2468');
    await userEvent.type(screen.getByLabelText('Nhập lại mã PIN'), '2469');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }));
    expect(await screen.findByText('Hai mã PIN không khớp.')).toBeInTheDocument();
    expect(mocked.createOwner).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByLabelText('Nhập lại mã PIN'));
    await userEvent.type(screen.getByLabelText('Nhập lại mã PIN'), '2468');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }));
    expect(mocked.createOwner).toHaveBeenCalledWith('Chủ Hà', '2468');
    expect(onSignedIn).toHaveBeenCalledWith(actor);
  });

  it('signs the chosen person in, and on a wrong PIN says so and clears the PIN', async () => {
    const onSignedIn = vi.fn();
    mocked.signIn.mockRejectedValueOnce(
      new BackendError({ code: 'wrong_pin', message: '', fields: [], duplicates: [], serial_conflicts: [], detail: '4' }),
    );
    render(LockScreen, { info: { needs_owner: false, staff, actor: null, idle_minutes: 5 }, onSignedIn });
    await userEvent.click(screen.getByRole('button', { name: /Lan/ }));
    await userEvent.type(screen.getByLabelText('Mã PIN'), '0000{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Còn 4 lần thử');
    expect(screen.getByLabelText('Mã PIN')).toHaveValue('');
    expect(mocked.signIn).toHaveBeenCalledWith(2, '0000');
    const lan = { id: 2, name: 'Lan', role: 'staff' as const, permissions: [] };
    mocked.signIn.mockResolvedValueOnce(lan);
    await userEvent.type(screen.getByLabelText('Mã PIN'), '1357{Enter}');
    expect(onSignedIn).toHaveBeenCalledWith(lan);
  });
});
