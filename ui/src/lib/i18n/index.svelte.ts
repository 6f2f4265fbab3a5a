// The i18n layer: every user-visible string goes through t(). Vietnamese first.
import { en } from './en';
import { vi } from './vi';

export type Locale = 'vi' | 'en';
export type MessageKey = keyof typeof vi;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'khachquen.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return saved === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const i18n = $state({ locale: initialLocale() });

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or no storage: the choice lasts for this session only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Translates `key`, filling `{name}` placeholders from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[i18n.locale][key] ?? dictionaries.vi[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Translates `key` in a given language, whatever the UI's (the customer-facing screen). */
export function tIn(locale: Locale, key: MessageKey): string {
  return dictionaries[locale][key] ?? dictionaries.vi[key] ?? key;
}

/** Looks up a key built at runtime (an error or field code), falling back when unknown. */
export type CodePrefix =
  | 'error'
  | 'field'
  | 'claimStatus'
  | 'remedy'
  | 'coverage'
  | 'outcome'
  | 'verdict'
  | 'unitStatus'
  | 'careKind'
  | 'occasion'
  | 'contactChannel'
  | 'careOutcome'
  | 'complaintCategory'
  | 'complaintStatus'
  | 'complaintMove'
  | 'severity'
  | 'metric'
  | 'interactionKind'
  | 'promiseStatus'
  | 'kpi'
  | 'trend'
  | 'csv'
  | 'staffCol'
  | 'preset'
  | 'dashboardTab'
  | 'segment'
  | 'segmentCol'
  | 'weekday'
  | 'permission'
  | 'role'
  | 'auditAction'
  | 'auditEntity'
  | 'importField'
  | 'importReason'
  | 'importAction'
  | 'exportCol'
  | 'exportTable'
  | 'purpose'
  | 'consentMethod'
  | 'requestKind'
  // Issue 17 ("loyvouch").
  | 'voucherStatus'
  | 'voucherOrigin'
  | 'debtKind'
  | 'payMethod';

export function tCode(
  prefix: CodePrefix,
  code: string,
  params: Record<string, string | number> = {},
): string {
  const key = `${prefix}.${code}`;
  if (key in vi) return t(key as MessageKey, params);
  return prefix === 'error' ? t('error.unknown') : code;
}

/** Formats a number with Vietnamese grouping (1.234.567) or English (1,234,567). */
export function formatCount(n: number): string {
  return n.toLocaleString(i18n.locale === 'vi' ? 'vi-VN' : 'en-US');
}
