import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, backend } from '$lib/backend';
import type { ErrorPayload } from '$lib/bindings/ErrorPayload';
import { setLocale } from '$lib/i18n/index.svelte';
import { approvalFrom, approvalNeeded, failsTheApproval } from './approval';
import ApprovalDialog from './components/ApprovalDialog.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('$lib/backend')>('$lib/backend');
  return { BackendError: actual.BackendError, backend: { approvers: vi.fn() } };
});
const mocked = vi.mocked(backend);

const failure = (p: Partial<ErrorPayload>) =>
  new BackendError({
    code: 'validation',
    message: '',
    fields: [],
    duplicates: [],
    serial_conflicts: [],
    detail: null,
    ...p,
  });

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
});

describe('when a manager may approve on the spot', () => {
  it('asks only for the permissions a PIN may lend', () => {
    const forbidden = (detail: string) => failure({ code: 'forbidden', detail });
    expect(approvalNeeded(forbidden('override_policy'))).toBe('override_policy');
    expect(approvalNeeded(forbidden('approve_goodwill'))).toBe('approve_goodwill');
    expect(approvalNeeded(forbidden('erase'))).toBeNull();
    expect(approvalNeeded(failure({ code: 'wrong_pin', detail: '4' }))).toBeNull();
    expect(approvalNeeded(new Error('network'))).toBeNull();
  });

  it('sends an approver and a PIN of digits, nothing less', () => {
    expect(approvalFrom(7, '975310')).toEqual({ approver_id: 7, pin: '975310' });
    expect(approvalFrom(null, '975310')).toBeNull();
    expect(approvalFrom(7, '')).toBeNull();
    expect(approvalFrom(7, '97a310')).toBeNull();
    expect(approvalFrom(7, '123456789')).toBeNull();
  });

  it("keeps the approver's failures in the dialog and hands the form's back", () => {
    expect(failsTheApproval(failure({ code: 'wrong_pin', detail: '4' }))).toBe(true);
    expect(failsTheApproval(failure({ code: 'pin_locked', detail: '' }))).toBe(true);
    const approver = { field: 'approver', code: 'approver_not_allowed' };
    expect(failsTheApproval(failure({ fields: [approver] }))).toBe(true);
    const reason = { field: 'override_reason', code: 'override_reason_required' };
    expect(failsTheApproval(failure({ fields: [reason] }))).toBe(false);
    expect(failsTheApproval(failure({ code: 'forbidden', detail: 'override_policy' }))).toBe(false);
  });
});

describe('ApprovalDialog', () => {
  const minh = { id: 3, name: 'Minh', role: 'manager' as const };
  const ha = { id: 1, name: 'Chủ Hà', role: 'owner' as const };

  it('retries with the chosen approver; a wrong PIN is answered here and cleared', async () => {
    mocked.approvers.mockResolvedValue([ha, minh]);
    const onApprove = vi
      .fn()
      .mockRejectedValueOnce(failure({ code: 'wrong_pin', detail: '4' }))
      .mockResolvedValueOnce(undefined);
    const onFail = vi.fn();
    render(ApprovalDialog, {
      permission: 'override_policy',
      onApprove,
      onFail,
      onCancel: vi.fn(),
    });
    const user = userEvent.setup();
    expect(mocked.approvers).toHaveBeenCalledWith('override_policy');
    await user.selectOptions(await screen.findByLabelText('Người duyệt'), 'Minh (Quản lý)');
    const pin = screen.getByLabelText('Mã PIN người duyệt') as HTMLInputElement;
    await user.type(pin, '000000');
    await user.click(screen.getByRole('button', { name: 'Duyệt' }));
    expect(onApprove).toHaveBeenLastCalledWith({ approver_id: 3, pin: '000000' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Sai mã PIN. Còn 4 lần thử');
    await waitFor(() => expect(pin.value).toBe(''));
    expect(onFail).not.toHaveBeenCalled();

    await user.type(pin, '975310');
    await user.click(screen.getByRole('button', { name: 'Duyệt' }));
    expect(onApprove).toHaveBeenLastCalledWith({ approver_id: 3, pin: '975310' });
  });

  it("hands a failure of the form's own fields back to the form", async () => {
    mocked.approvers.mockResolvedValue([minh]);
    const reason = failure({
      fields: [{ field: 'override_reason', code: 'override_reason_required' }],
    });
    const onApprove = vi.fn().mockRejectedValue(reason);
    const onFail = vi.fn();
    render(ApprovalDialog, { permission: 'override_policy', onApprove, onFail, onCancel: vi.fn() });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Mã PIN người duyệt'), '975310');
    await user.click(screen.getByRole('button', { name: 'Duyệt' }));
    expect(onApprove).toHaveBeenCalledWith({ approver_id: 3, pin: '975310' });
    expect(onFail).toHaveBeenCalledWith(reason);
  });

  it('says so when no one may approve', async () => {
    mocked.approvers.mockResolvedValue([]);
    render(ApprovalDialog, {
      permission: 'approve_goodwill',
      onApprove: vi.fn(),
      onFail: vi.fn(),
      onCancel: vi.fn(),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Chưa có chủ cửa hàng');
    expect(screen.getByRole('button', { name: 'Duyệt' })).toBeDisabled();
  });
});
