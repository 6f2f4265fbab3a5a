import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import type { Actor } from '$lib/bindings/Actor';
import type { BackupInfo } from '$lib/bindings/BackupInfo';
import { setLocale } from '$lib/i18n/index.svelte';
import { session } from '$lib/session.svelte';
import BackupSettings from './BackupSettings.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      backupInfo: vi.fn(),
      setBackupFolder: vi.fn(),
      setBackupPassphrase: vi.fn(),
      setExportsRetention: vi.fn(),
      backupNow: vi.fn(),
      restoreBackup: vi.fn(),
    },
  };
});

const mocked = vi.mocked(backend);

const info: BackupInfo = {
  folder: '/media/usb/KhachQuen',
  chosen: '/media/usb/KhachQuen',
  encrypted: true,
  passphrase_set: true,
  exports_retention_days: 30,
  backups: [
    {
      path: '/media/usb/KhachQuen/khachquen-20261123-100000.db.age',
      taken_at: '2026-11-23 10:00:00',
      bytes: 1_048_576,
      encrypted: true,
    },
  ],
};

function actor(role: Actor['role']): Actor {
  return {
    id: 1,
    name: role === 'owner' ? 'Chủ Hà' : 'Minh',
    role,
    permissions: role === 'owner' ? [] : ['take_backup'],
    must_change_pin: false,
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
  mocked.backupInfo.mockResolvedValue(info);
});

describe('BackupSettings', () => {
  it('lets the owner set the passphrase and restore an encrypted backup with it', async () => {
    session.actor = actor('owner');
    mocked.setBackupPassphrase.mockResolvedValue(info);
    mocked.restoreBackup.mockResolvedValue('/data/backups/before-restore-20261123-100500.db');
    const onRestored = vi.fn();
    render(BackupSettings, { onRestored });
    expect(await screen.findByText(/được mã hoá bằng mật khẩu sao lưu/)).toBeInTheDocument();
    await userEvent.type(
      screen.getByLabelText('Mật khẩu sao lưu (cho USB, ổ mạng)'),
      'hoa mai nở sớm',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Đặt mật khẩu' }));
    expect(mocked.setBackupPassphrase).toHaveBeenCalledWith('hoa mai nở sớm');

    await userEvent.click(screen.getByRole('button', { name: 'Khôi phục' }));
    const go = screen.getByRole('button', { name: 'Khôi phục bản này' });
    expect(go).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Mật khẩu của bản sao lưu'), 'hoa mai nở sớm');
    await userEvent.click(go);
    await waitFor(() => expect(onRestored).toHaveBeenCalled());
    expect(mocked.restoreBackup).toHaveBeenCalledWith(info.backups[0]?.path, 'hoa mai nở sớm');
  });

  it("shows a manager the backups but none of the owner's settings or restores", async () => {
    session.actor = actor('manager');
    render(BackupSettings, { onRestored: vi.fn() });
    expect(await screen.findByText(/Chỉ chủ cửa hàng đổi thư mục/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Mật khẩu sao lưu (cho USB, ổ mạng)')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Khôi phục' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sao lưu ngay' })).toBeEnabled();
  });
});
