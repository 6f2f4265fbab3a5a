// The only module that talks to the Tauri shell. Components call these typed functions; tests
// mock this one module.
import { invoke } from '@tauri-apps/api/core';
import type { AppInfo } from './bindings/AppInfo';
import type { CustomerCard } from './bindings/CustomerCard';
import type { CustomerDraft } from './bindings/CustomerDraft';
import type { DraftCheck } from './bindings/DraftCheck';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { Preference } from './bindings/Preference';
import type { PreferenceDraft } from './bindings/PreferenceDraft';
import type { SearchOptions } from './bindings/SearchOptions';
import type { SearchResult } from './bindings/SearchResult';

/** A failed command: `payload.code` is what the UI translates. */
export class BackendError extends Error {
  constructor(public readonly payload: ErrorPayload) {
    super(payload.message);
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isPayload(e)) throw new BackendError({ ...e, fields: e.fields ?? [], duplicates: e.duplicates ?? [] });
    throw new BackendError({ code: 'ipc', message: String(e), fields: [], duplicates: [] });
  }
}

export const backend = {
  appInfo: () => call<AppInfo>('app_info'),
  searchCustomers: (query: string, options: SearchOptions) =>
    call<SearchResult>('search_customers', { query, options }),
  getCustomer: (id: number) => call<CustomerCard>('get_customer', { id }),
  checkCustomer: (draft: CustomerDraft, editing: number | null) =>
    call<DraftCheck>('check_customer', { draft, editing }),
  createCustomer: (draft: CustomerDraft) => call<CustomerCard>('create_customer', { draft }),
  updateCustomer: (id: number, draft: CustomerDraft) => call<CustomerCard>('update_customer', { id, draft }),
  archiveCustomer: (id: number) => call<CustomerCard>('archive_customer', { id }),
  restoreCustomer: (id: number) => call<CustomerCard>('restore_customer', { id }),
  mergeCustomers: (keep: number, from: number) => call<CustomerCard>('merge_customers', { keep, from }),
  addPreference: (customerId: number, draft: PreferenceDraft) =>
    call<Preference>('add_preference', { customerId, draft }),
  updatePreference: (id: number, draft: PreferenceDraft) => call<Preference>('update_preference', { id, draft }),
  removePreference: (id: number) => call<null>('remove_preference', { id }),
  loadDemo: (customers: number) => call<number>('load_demo', { customers }),
};

export type Backend = typeof backend;
