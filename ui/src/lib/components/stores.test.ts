import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import type { TimelineEvent } from '$lib/bindings/TimelineEvent';
import { setLocale } from '$lib/i18n/index.svelte';
import StorePicker from './StorePicker.svelte';
import Timeline from './Timeline.svelte';

vi.mock('$lib/backend', () => ({ backend: { customerTimeline: vi.fn() } }));

beforeEach(() => setLocale('vi'));

describe('StorePicker', () => {
  it('shows nothing in a single shop', () => {
    render(StorePicker, { stores: [], id: 'pick' });
    expect(screen.queryByLabelText('Cửa hàng')).toBeNull();
  });

  it('offers all stores first, then each by name, and tells when one is picked', async () => {
    const onchange = vi.fn();
    render(StorePicker, {
      stores: [
        { code: 'Q1', name: 'Cửa hàng Quận 1' },
        { code: 'Q2', name: 'Q2' },
      ],
      id: 'pick',
      onchange,
    });
    const select = screen.getByLabelText('Cửa hàng');
    const options = Array.from(select.querySelectorAll('option')).map((o) => o.textContent);
    expect(options).toEqual(['Tất cả cửa hàng', 'Cửa hàng Quận 1', 'Q2']);
    expect(select).toHaveValue('');
    await userEvent.selectOptions(select, 'Q1');
    expect(select).toHaveValue('Q1');
    expect(onchange).toHaveBeenCalled();
  });
});

function sale(id: number, store: string): TimelineEvent {
  return {
    kind: 'sale',
    id,
    at: '2026-11-23T03:00:00Z',
    reference: `HD261123-00${id}`,
    code: 'sold',
    value: 100000,
    text: 'Áo sơ mi',
    channel: null,
    staff: 'Hà',
    opens: null,
    store,
  };
}

describe('Timeline', () => {
  it('names the store of each record at a site, and nothing in a single shop', async () => {
    vi.mocked(backend.customerTimeline).mockResolvedValue({
      events: [sale(1, 'Cửa hàng Quận 1'), sale(2, '')],
      next: null,
    });
    render(Timeline, { customerId: 7 });
    expect(await screen.findByText('Tại Cửa hàng Quận 1')).toBeInTheDocument();
    expect(screen.getAllByText(/^Tại /)).toHaveLength(1);
  });
});
