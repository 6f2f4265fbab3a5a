// Customer cards for the UI's tests: every field of the binding, so a field the core adds fails
// the type check here once, not in each test that builds a card.
import type { CustomerCard } from './bindings/CustomerCard';

export function card(over: Partial<CustomerCard>): CustomerCard {
  return {
    id: 1,
    full_name: 'Trần Thị Mai',
    call_name: 'Mai',
    address_as: 'chi',
    greeting: 'chị Mai',
    gender: 'female',
    phones: [],
    email: '',
    birthday: null,
    birthday_display: '',
    days_to_birthday: null,
    birthday_lunar: false,
    age: null,
    address: '',
    tags: [],
    notes: '',
    contact_channel: null,
    preferences: [],
    last_contact_at: null,
    archived_at: null,
    merged_into: null,
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    restricted_at: null,
    erased_at: null,
    code: null,
    anniversary: '',
    anniversary_note: '',
    locale: 'vi',
    ...over,
  };
}
