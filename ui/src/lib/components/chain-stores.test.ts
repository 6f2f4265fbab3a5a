import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import { setLocale } from '$lib/i18n/index.svelte';
import HomeStoreField from './HomeStoreField.svelte';
import StaffStoresEditor from './StaffStoresEditor.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      homeStore: vi.fn(),
      setHomeStore: vi.fn(),
      staffStores: vi.fn(),
      setStaffStores: vi.fn(),
    },
  };
});
const mocked = vi.mocked(backend);

beforeEach(() => {
  vi.resetAllMocks();
  setLocale('vi');
});

describe('the home store on the card', () => {
  it('shows nothing in a single shop', async () => {
    mocked.homeStore.mockResolvedValue({ here: null, home: null, chosen: false, stores: [] });
    render(HomeStoreField, { customerId: 7, onChanged: () => {} });
    await vi.waitFor(() => expect(mocked.homeStore).toHaveBeenCalledWith(7));
    expect(screen.queryByLabelText('Cửa hàng chăm sóc')).toBeNull();
  });

  it('moves her to another store of the chain', async () => {
    const view = { here: 'HN1', home: 'HN1', chosen: false, stores: ['HN1', 'DN1'] };
    mocked.homeStore.mockResolvedValue(view);
    mocked.setHomeStore.mockResolvedValue({ ...view, home: 'DN1', chosen: true });
    const onChanged = vi.fn();
    render(HomeStoreField, { customerId: 7, onChanged });
    const select = await screen.findByLabelText('Cửa hàng chăm sóc');
    const move = screen.getByRole('button', { name: 'Chuyển cửa hàng chăm sóc' });
    expect(move).toHaveProperty('disabled', true);
    await userEvent.selectOptions(select, 'DN1');
    await userEvent.click(move);
    expect(mocked.setHomeStore).toHaveBeenCalledWith(7, 'DN1');
    expect(onChanged).toHaveBeenCalled();
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Từ nay cửa hàng DN1 chăm sóc khách này.',
    );
  });
});

describe('the stores a staff member works at', () => {
  it('is hidden in a single shop', async () => {
    mocked.staffStores.mockResolvedValue({ here: null, stores: [], members: [] });
    render(StaffStoresEditor, { staffId: 2, role: 'staff' });
    await vi.waitFor(() => expect(mocked.staffStores).toHaveBeenCalled());
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('ticks her stores and saves the whole set', async () => {
    const all = {
      here: 'HN1',
      stores: ['DN1', 'HN1'],
      members: [{ staff_id: 2, stores: ['HN1'] }],
    };
    mocked.staffStores.mockResolvedValue(all);
    mocked.setStaffStores.mockResolvedValue({
      ...all,
      members: [{ staff_id: 2, stores: ['DN1', 'HN1'] }],
    });
    render(StaffStoresEditor, { staffId: 2, role: 'staff' });
    const here = await screen.findByRole('checkbox', { name: 'HN1 (cửa hàng này)' });
    expect(here).toHaveProperty('checked', true);
    await userEvent.click(screen.getByRole('checkbox', { name: 'DN1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Lưu cửa hàng' }));
    expect(mocked.setStaffStores).toHaveBeenCalledWith(2, ['DN1', 'HN1']);
  });
});
