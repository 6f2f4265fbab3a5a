import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend, BackendError } from '$lib/backend';
import type { Actor } from '$lib/bindings/Actor';
import { setLocale } from '$lib/i18n/index.svelte';
import { session } from '$lib/session.svelte';
import StartWithComputer from './StartWithComputer.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: { desktopSettings: vi.fn(), setStartWithComputer: vi.fn() },
  };
});

const mocked = vi.mocked(backend);

function actor(role: Actor['role']): Actor {
  return { id: 1, name: 'Chủ Hà', role, permissions: ['edit_settings'], must_change_pin: false };
}

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
  mocked.desktopSettings.mockResolvedValue({ start_with_computer: false });
});

describe('StartWithComputer', () => {
  it('lets the owner turn it on and shows what was stored', async () => {
    session.actor = actor('owner');
    mocked.setStartWithComputer.mockResolvedValue({ start_with_computer: true });
    render(StartWithComputer);
    const box = await screen.findByLabelText('Khởi động cùng máy tính');
    expect(box).not.toBeChecked();
    await userEvent.click(box);
    expect(mocked.setStartWithComputer).toHaveBeenCalledWith(true);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Đã lưu'));
    expect(box).toBeChecked();
  });

  it('puts the box back when the computer refuses, and says why', async () => {
    session.actor = actor('owner');
    mocked.setStartWithComputer.mockRejectedValue(
      new BackendError({
        code: 'io',
        message: 'read-only',
        fields: [],
        duplicates: [],
        serial_conflicts: [],
        detail: null,
      }),
    );
    render(StartWithComputer);
    const box = await screen.findByLabelText('Khởi động cùng máy tính');
    await userEvent.click(box);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Không đọc/ghi'));
    expect(box).not.toBeChecked();
  });

  it('shows a manager the choice, disabled, and who may change it', async () => {
    session.actor = actor('manager');
    mocked.desktopSettings.mockResolvedValue({ start_with_computer: true });
    render(StartWithComputer);
    const box = await screen.findByLabelText('Khởi động cùng máy tính');
    expect(box).toBeChecked();
    expect(box).toBeDisabled();
    expect(screen.getByText('Chỉ chủ cửa hàng được đổi mục này.')).toBeInTheDocument();
  });
});
