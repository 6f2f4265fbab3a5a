import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from '$lib/backend';
import type { ContactChoice } from '$lib/bindings/ContactChoice';
import { setLocale } from '$lib/i18n/index.svelte';
import ContactButtons from './ContactButtons.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return {
    BackendError: actual.BackendError,
    backend: {
      cardContactChoices: vi.fn(),
      recordCardContact: vi.fn(),
      recordOutcome: vi.fn(),
      openCardContact: vi.fn(),
      openContact: vi.fn(),
      createReminder: vi.fn(),
    },
  };
});

const mocked = vi.mocked(backend);
const message = (text: string) => ({ text, zalo_url: null, tel_url: null, has_phone: true });
const choices: ContactChoice[] = [
  {
    pick: { kind: 'check_in', subject: 'purchase', subject_id: 4 },
    reminder_id: 9,
    label: 'HD261123-001 · iPhone 15',
    message: message('Chào chị Lan, iPhone 15 dùng có ổn không ạ?'),
  },
  {
    pick: { kind: 'manual', subject: '', subject_id: null },
    reminder_id: null,
    label: '',
    message: message('Chào chị Lan, shop xin liên hệ với chị.'),
  },
  {
    pick: { kind: 'warranty_expiring', subject: 'unit', subject_id: 7 },
    reminder_id: null,
    label: 'iPhone 15 · IMEI1',
    message: message('Chào chị Lan, bảo hành iPhone 15 (IMEI1) hết hạn ngày 20/12/2026.'),
  },
];

const warranty = { kind: 'warranty_expiring' as const, subject: 'unit', subject_id: 7 };

describe('contact from the card', () => {
  beforeEach(() => {
    setLocale('vi');
    vi.clearAllMocks();
    mocked.cardContactChoices.mockResolvedValue(choices);
  });

  it('offers her reminder and the templates, opens the chosen one and writes nothing until the outcome', async () => {
    const user = userEvent.setup();
    render(ContactButtons, { customerId: 1, onChanged: vi.fn() });
    const select = await screen.findByLabelText('Mẫu tin nhắn');
    await waitFor(() => expect(select.querySelectorAll('option')).toHaveLength(3));
    expect((select as HTMLSelectElement).value).toBe('manual::');
    await user.selectOptions(select, 'warranty_expiring:unit:7');
    await user.click(screen.getByRole('button', { name: 'Nhắn Zalo' }));
    const text = (await screen.findByLabelText('Tin nhắn')) as HTMLTextAreaElement;
    expect(text.value).toContain('IMEI1');
    expect(mocked.openCardContact).toHaveBeenCalledWith(1, warranty, 'zalo');
    expect(mocked.createReminder).not.toHaveBeenCalled();
    expect(mocked.recordCardContact).not.toHaveBeenCalled();

    mocked.recordCardContact.mockResolvedValue({
      reminder: {} as never,
      interaction_id: 3,
      next_on: null,
    });
    await user.click(screen.getByRole('button', { name: 'Đã nhắn tin' }));
    expect(mocked.recordCardContact).toHaveBeenCalledWith(
      1,
      warranty,
      expect.objectContaining({ outcome: 'sent', channel: 'zalo' }),
    );
    expect(mocked.recordOutcome).not.toHaveBeenCalled();
  });

  it('works her open reminder when it is chosen', async () => {
    const user = userEvent.setup();
    render(ContactButtons, { customerId: 1, onChanged: vi.fn() });
    const select = await screen.findByLabelText('Mẫu tin nhắn');
    await waitFor(() => expect(select.querySelectorAll('option')).toHaveLength(3));
    await user.selectOptions(select, 'r9');
    await user.click(screen.getByRole('button', { name: 'Gọi điện' }));
    expect(mocked.openContact).toHaveBeenCalledWith(9, 'tel');
    expect(mocked.openCardContact).not.toHaveBeenCalled();
  });
});
