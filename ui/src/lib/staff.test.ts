import { beforeEach, describe, expect, it } from 'vitest';
import { auditDetail } from './audit';
import { BackendError } from './backend';
import { errorText } from './errors';
import { setLocale } from './i18n/index.svelte';
import { can, idleExpired, session } from './session.svelte';

const err = (code: string, detail: string | null) =>
  new BackendError({ code, message: '', fields: [], duplicates: [], serial_conflicts: [], detail });

beforeEach(() => setLocale('vi'));

describe('sign-in errors', () => {
  it('say how many tries are left, until when the account is locked, and what is not allowed', () => {
    expect(errorText(err('wrong_pin', '3'))).toBe(
      'Sai mã PIN. Còn 3 lần thử trước khi tài khoản bị khóa.',
    );
    // 03:05 UTC is 10:05 at the shop.
    expect(errorText(err('pin_locked', '2026-11-23T03:05:00Z'))).toContain('10:05');
    expect(errorText(err('forbidden', 'export'))).toContain('Xuất dữ liệu');
    setLocale('en');
    expect(errorText(err('forbidden', 'erase'))).toContain('Erase personal data');
  });
});

describe('session', () => {
  it('locks after the idle minutes, not before', () => {
    const t0 = Date.parse('2026-11-23T03:00:00Z');
    expect(idleExpired(t0, t0 + 4 * 60_000 + 59_000, 5)).toBe(false);
    expect(idleExpired(t0, t0 + 5 * 60_000, 5)).toBe(true);
  });

  it('grants the owner everything and others what their role holds', () => {
    session.actor = null;
    expect(can('export')).toBe(false);
    session.actor = {
      id: 2,
      name: 'Lan',
      role: 'staff',
      permissions: ['see_phones'],
      must_change_pin: false,
    };
    expect(can('see_phones')).toBe(true);
    expect(can('export')).toBe(false);
    session.actor = { id: 1, name: 'Hà', role: 'owner', permissions: [], must_change_pin: false };
    expect(can('erase')).toBe(true);
  });
});

describe('audit detail', () => {
  it('shows only the fields that changed between before and after', () => {
    const d = JSON.stringify({
      before: { full_name: 'Lan', email: '', notes: 'x' },
      after: { full_name: 'Lan Anh', email: 'a@b.vn', notes: 'x' },
    });
    expect(auditDetail(d).split('\n')).toEqual(['full_name: Lan → Lan Anh', 'email: ∅ → a@b.vn']);
  });

  it('lists other details as key: value and leaves non-JSON as it is', () => {
    expect(auditDetail('{"reason":"call"}')).toBe('reason: call');
    expect(auditDetail('not json')).toBe('not json');
  });
});
