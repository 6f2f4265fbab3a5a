import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, backend } from '$lib/backend';
import type { Actor } from '$lib/bindings/Actor';
import type { SessionState } from '$lib/bindings/SessionState';
import type { StaffView } from '$lib/bindings/StaffView';
import { setLocale } from '$lib/i18n/index.svelte';
import LockScreen from './LockScreen.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      createOwner: vi.fn(),
      signIn: vi.fn(),
      changePin: vi.fn(),
      signOut: vi.fn(),
      sessionState: vi.fn(),
    },
  };
});
const mocked = vi.mocked(backend);

beforeEach(() => {
  vi.resetAllMocks();
  setLocale('vi');
});

const person = (id: number, name: string, role: StaffView['role']): StaffView => ({
  id,
  name,
  role,
  active: true,
  locked_until: null,
  lock_level: 0,
  needs_unlock: false,
});
const staff = [person(1, 'Chủ Hà', 'owner'), person(2, 'Lan', 'staff')];
const actor = (id: number, name: string, role: Actor['role'], must_change_pin = false): Actor => ({
  id,
  name,
  role,
  permissions: [],
  must_change_pin,
});
const state = (over: Partial<SessionState> = {}): SessionState => ({
  needs_owner: false,
  staff,
  actor: null,
  pin_change: null,
  idle_minutes: 5,
  ...over,
});
const failure = (
  code: string,
  detail: string | null = null,
  fields: { field: string; code: string }[] = [],
) => new BackendError({ code, message: '', fields, duplicates: [], serial_conflicts: [], detail });

describe('LockScreen', () => {
  it('creates the first owner only when both PINs match, saying the PIN needs 6 to 8 digits', async () => {
    const onSignedIn = vi.fn();
    const owner = actor(1, 'Chủ Hà', 'owner');
    mocked.createOwner.mockResolvedValue(owner);
    render(LockScreen, { info: state({ needs_owner: true, staff: [] }), onSignedIn });
    expect(screen.getByLabelText('Mã PIN')).toHaveAccessibleDescription(
      'Mã PIN của chủ cửa hàng gồm 6 đến 8 chữ số.',
    );
    await userEvent.type(screen.getByLabelText('Tên chủ cửa hàng'), 'Chủ Hà');
    await userEvent.type(screen.getByLabelText('Mã PIN'), '246813');
    await userEvent.type(screen.getByLabelText('Nhập lại mã PIN'), '246814');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }));
    expect(await screen.findByText('Hai mã PIN không khớp.')).toBeInTheDocument();
    expect(mocked.createOwner).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByLabelText('Nhập lại mã PIN'));
    await userEvent.type(screen.getByLabelText('Nhập lại mã PIN'), '246813');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }));
    expect(mocked.createOwner).toHaveBeenCalledWith('Chủ Hà', '246813');
    expect(onSignedIn).toHaveBeenCalledWith(owner);
  });

  it('shows why a short owner PIN is refused at the first run', async () => {
    mocked.createOwner.mockRejectedValueOnce(
      failure('validation', null, [{ field: 'pin', code: 'pin_invalid_for_role' }]),
    );
    render(LockScreen, { info: state({ needs_owner: true, staff: [] }), onSignedIn: vi.fn() });
    await userEvent.type(screen.getByLabelText('Tên chủ cửa hàng'), 'Chủ Hà');
    await userEvent.type(screen.getByLabelText('Mã PIN'), '2468');
    await userEvent.type(screen.getByLabelText('Nhập lại mã PIN'), '2468');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }));
    expect(
      await screen.findByText('Chủ cửa hàng và quản lý cần mã PIN 6 đến 8 chữ số.'),
    ).toBeInTheDocument();
  });

  it('signs the chosen person in, and on a wrong PIN says so and clears the PIN', async () => {
    const onSignedIn = vi.fn();
    mocked.signIn.mockRejectedValueOnce(failure('wrong_pin', '4'));
    render(LockScreen, { info: state(), onSignedIn });
    await userEvent.click(screen.getByRole('button', { name: /Lan/ }));
    await userEvent.type(screen.getByLabelText('Mã PIN'), '0000{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Còn 4 lần thử');
    expect(screen.getByLabelText('Mã PIN')).toHaveValue('');
    expect(mocked.signIn).toHaveBeenCalledWith(2, '0000');
    const lan = actor(2, 'Lan', 'staff');
    mocked.signIn.mockResolvedValueOnce(lan);
    await userEvent.type(screen.getByLabelText('Mã PIN'), '1357{Enter}');
    expect(onSignedIn).toHaveBeenCalledWith(lan);
  });

  it('says an account waits for the owner once it is locked for good', async () => {
    mocked.signIn.mockRejectedValueOnce(failure('account_locked'));
    render(LockScreen, { info: state(), onSignedIn: vi.fn() });
    await userEvent.click(screen.getByRole('button', { name: /Lan/ }));
    await userEvent.type(screen.getByLabelText('Mã PIN'), '1357{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('cho đến khi chủ cửa hàng mở khóa');
  });

  it('asks an owner whose PIN is too short for a new one before letting them in', async () => {
    const onSignedIn = vi.fn();
    mocked.signIn.mockResolvedValueOnce(actor(1, 'Chủ Hà', 'owner', true));
    render(LockScreen, { info: state(), onSignedIn });
    await userEvent.click(screen.getByRole('button', { name: /Chủ Hà/ }));
    await userEvent.type(screen.getByLabelText('Mã PIN'), '2468{Enter}');
    expect(
      await screen.findByRole('heading', { name: 'Đặt mã PIN mới (ít nhất 6 số)' }),
    ).toBeInTheDocument();
    expect(onSignedIn).not.toHaveBeenCalled();
    // The PIN just typed is the current one: not asked again.
    expect(screen.queryByLabelText('Mã PIN hiện tại')).toBeNull();
    await userEvent.type(screen.getByLabelText('Mã PIN mới'), '135790');
    await userEvent.type(screen.getByLabelText('Nhập lại mã PIN mới'), '135791');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu mã PIN mới' }));
    expect(await screen.findByText('Hai mã PIN không khớp.')).toBeInTheDocument();
    expect(mocked.changePin).not.toHaveBeenCalled();
    // The core's refusal shows under the field.
    mocked.changePin.mockRejectedValueOnce(
      failure('validation', null, [{ field: 'new_pin', code: 'pin_invalid_for_role' }]),
    );
    await userEvent.clear(screen.getByLabelText('Mã PIN mới'));
    await userEvent.clear(screen.getByLabelText('Nhập lại mã PIN mới'));
    await userEvent.type(screen.getByLabelText('Mã PIN mới'), '12345');
    await userEvent.type(screen.getByLabelText('Nhập lại mã PIN mới'), '12345');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu mã PIN mới' }));
    expect(
      await screen.findByText('Chủ cửa hàng và quản lý cần mã PIN 6 đến 8 chữ số.'),
    ).toBeInTheDocument();
    expect(mocked.changePin).toHaveBeenLastCalledWith('2468', '12345');
    const changed = actor(1, 'Chủ Hà', 'owner');
    mocked.changePin.mockResolvedValueOnce(changed);
    await userEvent.type(screen.getByLabelText('Mã PIN mới'), '135790');
    await userEvent.type(screen.getByLabelText('Nhập lại mã PIN mới'), '135790');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu mã PIN mới' }));
    expect(mocked.changePin).toHaveBeenLastCalledWith('2468', '135790');
    expect(onSignedIn).toHaveBeenCalledWith(changed);
  });

  it('asks for the current PIN when the app reopens on a pending change, and can lock instead', async () => {
    mocked.changePin.mockRejectedValueOnce(failure('wrong_pin', '4'));
    mocked.signOut.mockResolvedValue(null);
    mocked.sessionState.mockResolvedValue(state());
    render(LockScreen, {
      info: state({ pin_change: actor(1, 'Chủ Hà', 'owner', true) }),
      onSignedIn: vi.fn(),
    });
    expect(screen.getByText(/^Chủ Hà: mã PIN của chủ cửa hàng/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Mã PIN hiện tại'), '1111');
    await userEvent.type(screen.getByLabelText('Mã PIN mới'), '135790');
    await userEvent.type(screen.getByLabelText('Nhập lại mã PIN mới'), '135790');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu mã PIN mới' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Còn 4 lần thử');
    expect(mocked.changePin).toHaveBeenCalledWith('1111', '135790');
    expect(screen.getByLabelText('Mã PIN hiện tại')).toHaveValue('');
    await userEvent.click(screen.getByRole('button', { name: 'Để sau (khóa quầy)' }));
    expect(mocked.signOut).toHaveBeenCalled();
  });
});
