// The import screen's reading of the core's answers: field choices, why a row is refused, and
// what the commit buttons allow.
import type { Field } from './bindings/Field';
import type { FieldError } from './bindings/FieldError';
import type { ImportPlan } from './bindings/ImportPlan';
import type { Table } from './bindings/Table';
import { t, tCode } from './i18n/index.svelte';

export const FIELDS: Field[] = ['code', 'full_name', 'call_name', 'address_as', 'phone', 'email', 'birthday', 'gender', 'address', 'tags', 'notes'];

/** "Dòng 3 đã có mã này" for a whole-row reason, "Email: Email không hợp lệ." for a field's. */
export function reasonText(r: FieldError): string {
  if (r.field === 'row' || r.field.startsWith('row:')) {
    const first = r.field.startsWith('row:') ? r.field.slice(4) : '';
    return tCode('importReason', r.code).replace('{row}', first);
  }
  return `${tCode('importField', r.field)}: ${tCode('field', r.code)}`;
}

/** All or nothing is offered only when no row is refused; valid-only needs the user's word. */
export function commitChoices(plan: ImportPlan, validOnlyConfirmed: boolean): { all: boolean; validOnly: boolean } {
  const writes = plan.create + plan.update > 0;
  return { all: writes && plan.errors === 0, validOnly: writes && plan.errors > 0 && validOnlyConfirmed };
}

export function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}

/** Column keys of each exportable table, as the core writes them (its `Table::columns`). */
export const EXPORT_COLUMNS: Record<Table, string[]> = {
  customers: ['id', 'full_name', 'call_name', 'address_as', 'phone', 'email', 'birthday', 'address', 'marketing_consent', 'archived', 'created_at'],
  purchases: ['receipt_no', 'sold_on', 'customer_id', 'customer', 'staff', 'total', 'voided'],
  claims: ['code', 'customer_id', 'customer', 'product', 'serial', 'status', 'received_on', 'promised_on', 'closed_on'],
  interactions: ['at', 'customer_id', 'customer', 'channel', 'direction', 'kind', 'summary', 'staff'],
};

export function exportHeaders(table: Table): string[] {
  return EXPORT_COLUMNS[table].map((c) => tCode('exportCol', c));
}

export function fieldLabel(f: Field | null): string {
  return f === null ? t('import.ignore') : tCode('importField', f);
}
