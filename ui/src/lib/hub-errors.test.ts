import { describe, expect, it } from 'vitest';
import { BackendError } from '$lib/backend';
import type { ErrorPayload } from '$lib/bindings/ErrorPayload';
import { errorText } from './errors';
import { en } from './i18n/en';
import { setLocale } from './i18n/index.svelte';
import { vi } from './i18n/vi';

// The codes the core's `Error::Hub` carries (src/error.rs): a store joining or syncing with the
// chain's hub reads each in its language, never the fallback.
const HUB_CODES = [
  'hub_unreachable',
  'hub_auth_failed',
  'hub_too_new',
  'hub_not_initialised',
  'site_code_taken',
  'site_code_invalid',
  'hub_seq_gap',
  'hub_wrong_site',
  'hub_refused',
  'hub_credentials_unreadable',
  'hub_failed',
  // Issue 15, wiring: a database not joined yet, or joined under another code.
  'chain_not_joined',
  'site_already_joined',
  'hub_clock_ahead',
  'hub_change_invalid',
  'site_role_taken',
  'hub_tls_untrusted',
  'hub_tls_root_unreadable',
];

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

describe('hub errors', () => {
  it('translates every hub code in Vietnamese and English', () => {
    for (const [locale, table] of [
      ['vi', vi],
      ['en', en],
    ] as const) {
      setLocale(locale);
      for (const code of HUB_CODES) {
        expect(errorText(failure({ code })), code).toBe(
          table[`error.${code}` as keyof typeof table].replace('{n}', ''),
        );
      }
    }
    setLocale('vi');
  });

  it('names the store code that is already taken', () => {
    setLocale('vi');
    expect(errorText(failure({ code: 'site_code_taken', detail: 'HN-01' }))).toBe(
      'Mã cửa hàng HN-01 đã có trong chuỗi. Hãy chọn mã khác.',
    );
    expect(errorText(failure({ code: 'hub_unreachable' }))).toMatch(/Quầy vẫn làm việc/);
  });
});
