import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import { setLocale } from '$lib/i18n/index.svelte';
import { card } from '$lib/test-cards';
import MergeScreen from './MergeScreen.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return { BackendError: actual.BackendError, backend: { mergeCustomersWith: vi.fn() } };
});
const mocked = vi.mocked(backend);

const first = card({ id: 1, full_name: 'Trần Thị Mai', address: '12 Lê Lợi' });
const second = card({ id: 2, full_name: 'Tran Thi Mai', address: '45 Hai Bà Trưng' });

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
});

describe('merge screen', () => {
  it("sends the side chosen for each differing field and hands back the core's card", async () => {
    const merged = { ...first, address: '45 Hai Bà Trưng' };
    mocked.mergeCustomersWith.mockResolvedValue(merged);
    const onMerged = vi.fn();
    render(MergeScreen, { first, second, onMerged, onCancel: () => {} });
    await userEvent.click(screen.getByRole('radio', { name: 'Địa chỉ: giữ “45 Hai Bà Trưng”' }));
    await userEvent.click(screen.getByRole('button', { name: 'Gộp hai hồ sơ' }));
    await waitFor(() => expect(onMerged).toHaveBeenCalledWith(merged));
    expect(mocked.mergeCustomersWith).toHaveBeenCalledWith(1, 2, [
      { field: 'full_name', side: 'keep' },
      { field: 'address', side: 'other' },
    ]);
  });

  it('keeps the other record when swapped, choices starting again from its values', async () => {
    mocked.mergeCustomersWith.mockResolvedValue(second);
    render(MergeScreen, { first, second, onMerged: () => {}, onCancel: () => {} });
    await userEvent.click(screen.getByRole('button', { name: 'Đổi hồ sơ được giữ' }));
    expect(screen.getByRole('radio', { name: 'Họ và tên: giữ “Tran Thi Mai”' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Gộp hai hồ sơ' }));
    expect(mocked.mergeCustomersWith).toHaveBeenCalledWith(2, 1, [
      { field: 'full_name', side: 'keep' },
      { field: 'address', side: 'keep' },
    ]);
  });

  it('offers the language and shows which old code the merged record keeps', async () => {
    mocked.mergeCustomersWith.mockResolvedValue(first);
    const english = { ...second, locale: 'en' as const, code: 'KH000123' };
    render(MergeScreen, { first, second: english, onMerged: () => {}, onCancel: () => {} });
    expect(screen.getByRole('radio', { name: 'Ngôn ngữ tin nhắn: giữ “English”' })).toBeChecked();
    expect(screen.getByTestId('merge-code')).toHaveTextContent('KH000123');
    await userEvent.click(screen.getByRole('button', { name: 'Gộp hai hồ sơ' }));
    expect(mocked.mergeCustomersWith).toHaveBeenCalledWith(1, 2, [
      { field: 'full_name', side: 'keep' },
      { field: 'address', side: 'keep' },
      { field: 'locale', side: 'other' },
    ]);
  });
});
