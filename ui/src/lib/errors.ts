// A failed command as the user reads it: the translated message of its code, and its field
// errors by field.
import { BackendError } from './backend';
import { t, tCode } from './i18n/index.svelte';

export function errorText(e: unknown): string {
  return e instanceof BackendError ? tCode('error', e.payload.code) : t('error.unknown');
}

/** One translated message per failing field (the last one when a field fails twice). */
export function fieldMessages(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof BackendError) for (const f of e.payload.fields) out[f.field] = tCode('field', f.code);
  return out;
}
