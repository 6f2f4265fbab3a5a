import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend, BackendError } from '$lib/backend';
import type { Actor } from '$lib/bindings/Actor';
import type { ChainStatus } from '$lib/bindings/ChainStatus';
import type { ErrorPayload } from '$lib/bindings/ErrorPayload';
import { setLocale } from '$lib/i18n/index.svelte';
import { session } from '$lib/session.svelte';
import ChainSettings from './ChainSettings.svelte';
import SyncStatus from './SyncStatus.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      chainStatus: vi.fn(),
      chainTest: vi.fn(),
      chainJoin: vi.fn(),
      chainSyncNow: vi.fn(),
      onChainStatus: vi.fn(),
      onChainPulled: vi.fn(),
    },
  };
});

const mocked = vi.mocked(backend);

const alone: ChainStatus = {
  joined: false,
  code: null,
  name: '',
  hub: '',
  synced_at: null,
  waiting: 0,
  error: null,
  error_at: null,
};
const joined: ChainStatus = {
  ...alone,
  joined: true,
  code: 'HN1',
  name: 'Hà Nội 1',
  hub: 'postgres://hub.lan:5432/chuoi',
  waiting: 3,
};

const failure = (p: Partial<ErrorPayload>) =>
  new BackendError({
    code: 'hub_failed',
    message: '',
    fields: [],
    duplicates: [],
    serial_conflicts: [],
    detail: null,
    ...p,
  });

function actor(role: Actor['role']): Actor {
  return { id: 1, name: 'Chủ Hà', role, permissions: [], must_change_pin: false };
}

// The listeners the components registered, to play the background sync's events.
let statusListeners: Array<(s: ChainStatus) => void> = [];
let pulledListeners: Array<(n: number) => void> = [];

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
  session.actor = actor('owner');
  statusListeners = [];
  pulledListeners = [];
  mocked.chainStatus.mockResolvedValue(alone);
  mocked.onChainStatus.mockImplementation(async (f) => {
    statusListeners.push(f);
    return () => {};
  });
  mocked.onChainPulled.mockImplementation(async (f) => {
    pulledListeners.push(f);
    return () => {};
  });
});

describe('Settings → the chain', () => {
  it('tests the hub, names what is wrong, then joins and shows the store', async () => {
    const user = userEvent.setup();
    mocked.chainTest.mockRejectedValueOnce(failure({ code: 'hub_auth_failed' }));
    mocked.chainTest.mockResolvedValueOnce(1);
    mocked.chainJoin.mockResolvedValue(joined);
    render(ChainSettings);
    const url = await screen.findByLabelText('Địa chỉ máy chủ chuỗi');
    await user.type(url, 'postgres://kq:mk@hub.lan/chuoi');
    await user.type(screen.getByLabelText('Mã cửa hàng'), 'HN1');
    await user.type(screen.getByLabelText('Tên cửa hàng trong chuỗi'), 'Hà Nội 1');
    await user.click(screen.getByRole('button', { name: 'Kiểm tra kết nối' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('từ chối tên hoặc mật khẩu'),
    );
    expect(url).toHaveValue('postgres://kq:mk@hub.lan/chuoi');
    await user.click(screen.getByRole('button', { name: 'Kiểm tra kết nối' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('phiên bản 1'));
    await user.click(screen.getByRole('button', { name: 'Tham gia' }));
    expect(mocked.chainJoin).toHaveBeenCalledWith(
      'postgres://kq:mk@hub.lan/chuoi',
      'HN1',
      'Hà Nội 1',
    );
    await waitFor(() => expect(screen.getByText('HN1 — Hà Nội 1')).toBeInTheDocument());
    expect(screen.getByText('postgres://hub.lan:5432/chuoi')).toBeInTheDocument();
    expect(screen.queryByLabelText('Địa chỉ máy chủ chuỗi')).toBeNull();
    expect(screen.getByRole('button', { name: 'Đồng bộ ngay' })).toBeInTheDocument();
  });

  it('shows a bad address under its field and joins nothing', async () => {
    const user = userEvent.setup();
    mocked.chainJoin.mockRejectedValue(
      failure({ code: 'validation', fields: [{ field: 'url', code: 'hub_url_invalid' }] }),
    );
    render(ChainSettings);
    await user.click(await screen.findByRole('button', { name: 'Tham gia' }));
    await waitFor(() =>
      expect(screen.getByText(/Địa chỉ máy chủ phải có dạng postgres:/)).toBeInTheDocument(),
    );
    expect(screen.getByLabelText('Địa chỉ máy chủ chuỗi')).toBeInTheDocument();
  });

  it('leaves joining to the owner', async () => {
    session.actor = actor('manager');
    render(ChainSettings);
    expect(await screen.findByText('Chỉ chủ cửa hàng được nối cửa hàng với chuỗi.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Tham gia' })).toBeNull();
  });

  it('follows the background sync, and "sync now" asks it to go', async () => {
    const user = userEvent.setup();
    mocked.chainStatus.mockResolvedValue(joined);
    mocked.chainSyncNow.mockResolvedValue(joined);
    render(ChainSettings);
    await waitFor(() => expect(document.getElementById('chain-waiting')).toHaveTextContent('3'));
    for (const f of statusListeners)
      f({ ...joined, waiting: 0, error: 'hub_unreachable', error_at: '2026-11-29T07:00:00Z' });
    await waitFor(() => expect(document.getElementById('chain-waiting')).toHaveTextContent('0'));
    expect(document.getElementById('chain-error')).toHaveTextContent('Quầy vẫn làm việc');
    await user.click(screen.getByRole('button', { name: 'Đồng bộ ngay' }));
    expect(mocked.chainSyncNow).toHaveBeenCalledOnce();
  });
});

describe('the top bar’s sync status', () => {
  it('is not there for a shop in no chain', async () => {
    render(SyncStatus, { onPulled: () => {} });
    await waitFor(() => expect(mocked.chainStatus).toHaveBeenCalled());
    expect(screen.queryByTestId('sync-status')).toBeNull();
  });

  it('changes with each sync and refreshes the screen when changes arrive', async () => {
    mocked.chainStatus.mockResolvedValue(joined);
    const onPulled = vi.fn();
    render(SyncStatus, { onPulled });
    expect(await screen.findByTestId('sync-status')).toHaveTextContent('3 thay đổi đang chờ');
    for (const f of statusListeners) f({ ...joined, error: 'hub_unreachable' });
    await waitFor(() => expect(screen.getByTestId('sync-status')).toHaveTextContent('Ngoại tuyến'));
    for (const f of pulledListeners) f(4);
    expect(onPulled).toHaveBeenCalledOnce();
  });
});
