// The import screen's reading of the core's answers: why a row is refused, what the commit
// buttons allow, and the translated titles of the core's export columns. The lists themselves
// (`EXPORT_COLUMNS`, `IMPORT_FIELDS`) are generated from the core into `bindings/lists.ts`.
import type { Field } from './bindings/Field';
import type { FieldError } from './bindings/FieldError';
import type { ImportPlan } from './bindings/ImportPlan';
import type { Table } from './bindings/Table';
import { EXPORT_COLUMNS } from './bindings/lists';
import { t, tCode } from './i18n/index.svelte';

/** "Dòng 3 đã có mã này" for a whole-row reason, "Email: Email không hợp lệ." for a field's. */
export function reasonText(r: FieldError): string {
  if (r.field === 'row' || r.field.startsWith('row:')) {
    const first = r.field.startsWith('row:') ? r.field.slice(4) : '';
    return tCode('importReason', r.code).replace('{row}', first);
  }
  return `${tCode('importField', r.field)}: ${tCode('field', r.code)}`;
}

/** All or nothing is offered only when no row is refused; valid-only needs the user's word. */
export function commitChoices(
  plan: ImportPlan,
  validOnlyConfirmed: boolean,
): { all: boolean; validOnly: boolean } {
  const writes = plan.create + plan.update > 0;
  return {
    all: writes && plan.errors === 0,
    validOnly: writes && plan.errors > 0 && validOnlyConfirmed,
  };
}

export function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}

/** The titles of a table's export columns in the UI's language, in the core's order. */
export function exportHeaders(table: Table): string[] {
  return EXPORT_COLUMNS[table].map((c) => tCode('exportCol', c));
}

export function fieldLabel(f: Field | null): string {
  return f === null ? t('import.ignore') : tCode('importField', f);
}
