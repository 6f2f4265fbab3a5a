import { beforeEach, describe, expect, it } from 'vitest';
import { BackendError } from './backend';
import type { ImportPlan } from './bindings/ImportPlan';
import { errorText } from './errors';
import { setLocale, t } from './i18n/index.svelte';
import { EXPORT_COLUMNS, IMPORT_FIELDS } from './bindings/lists';
import { commitChoices, exportHeaders, fieldLabel, percent, reasonText } from './importing';

beforeEach(() => setLocale('vi'));

const plan = (create: number, update: number, errors: number): ImportPlan => ({
  rows: create + update + errors,
  create,
  update,
  skip: 0,
  errors,
  outcomes: [],
});

describe('import screen', () => {
  it('explains whole-row and field reasons in Vietnamese', () => {
    expect(reasonText({ field: 'row:3', code: 'duplicate_code_in_file' })).toBe(
      'Mã khách hàng trùng với dòng 3 trong tệp',
    );
    expect(reasonText({ field: 'email', code: 'email_invalid' })).toMatch(/^Email: /);
    setLocale('en');
    expect(reasonText({ field: 'row', code: 'phone_matches_several' })).toContain(
      'several customers',
    );
  });

  it('offers all-or-nothing only without errors, and valid-only only once confirmed', () => {
    expect(commitChoices(plan(5, 1, 0), false)).toEqual({ all: true, validOnly: false });
    expect(commitChoices(plan(5, 0, 2), false)).toEqual({ all: false, validOnly: false });
    expect(commitChoices(plan(5, 0, 2), true)).toEqual({ all: false, validOnly: true });
    expect(commitChoices(plan(0, 0, 2), true)).toEqual({ all: false, validOnly: false });
  });

  it('reports progress as a bounded percentage', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(250_000, 1_000_000)).toBe(25);
    expect(percent(1_000_001, 1_000_000)).toBe(100);
  });

  it('fills the size limit into the too-large message', () => {
    const e = new BackendError({
      code: 'file_too_large',
      message: '',
      fields: [],
      duplicates: [],
      serial_conflicts: [],
      detail: '150',
    });
    expect(errorText(e)).toBe('Tệp quá lớn (tối đa 150 MB). Hãy chia nhỏ tệp.');
    const bomb = new BackendError({
      code: 'xlsx_too_large',
      message: '',
      fields: [],
      duplicates: [],
      serial_conflicts: [],
      detail: '200',
    });
    expect(errorText(bomb)).toContain('quá 200 MB');
  });

  it('translates every export column the core writes, in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      setLocale(locale);
      for (const table of Object.keys(EXPORT_COLUMNS) as (keyof typeof EXPORT_COLUMNS)[]) {
        const headers = exportHeaders(table);
        expect(headers).toHaveLength(EXPORT_COLUMNS[table].length);
        headers.forEach((h, i) =>
          expect(h, `${locale} ${table}.${EXPORT_COLUMNS[table][i]}`).not.toBe(
            EXPORT_COLUMNS[table][i],
          ),
        );
      }
    }
  });

  it('names every import field the core offers, in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      setLocale(locale);
      for (const f of IMPORT_FIELDS) expect(fieldLabel(f), `${locale} ${f}`).not.toBe(f);
    }
    expect(fieldLabel(null)).toBe(t('import.ignore'));
  });
});
