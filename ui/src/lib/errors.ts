// A failed command as the user reads it: the translated message of its code, and its field
// errors by field.
import { BackendError } from './backend';
import type { ErrorPayload } from './bindings/ErrorPayload';
import { shopTime } from './dates';
import { t, tCode } from './i18n/index.svelte';

export function errorText(e: unknown): string {
  if (!(e instanceof BackendError)) return t('error.unknown');
  return payloadText(e.payload);
}

/** The same for a payload that arrives as data (why the database could not be opened). */
export function payloadText(payload: ErrorPayload): string {
  const { code, detail } = payload;
  // Where the copy taken before the upgrade is (or the folder it could not be written to).
  if (code.startsWith('upgrade_')) return tCode('error', code, { path: detail ?? '' });
  if (code === 'wrong_pin') return t('error.wrong_pin', { n: detail ?? '' });
  if (code === 'pin_locked') return t('error.pin_locked', { time: detail ? shopTime(detail) : '' });
  if (code === 'forbidden')
    return t('error.forbidden', { what: tCode('permission', detail ?? '') });
  return tCode('error', code, { n: detail ?? '' });
}

/** One translated message per failing field (the last one when a field fails twice). */
export function fieldMessages(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof BackendError)
    for (const f of e.payload.fields) out[f.field] = tCode('field', f.code);
  return out;
}
