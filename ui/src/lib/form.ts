// The customer form's state as typed, and its mapping to the core's draft. The core validates
// and normalises; this only carries strings both ways and groups error codes by field.
import type { Channel } from './bindings/Channel';
import type { CustomerCard } from './bindings/CustomerCard';
import type { CustomerDraft } from './bindings/CustomerDraft';
import type { FieldError } from './bindings/FieldError';
import type { Gender } from './bindings/Gender';

export interface CustomerForm {
  fullName: string;
  callName: string;
  addressAs: string;
  gender: Gender | '';
  phones: string[];
  primaryPhone: number;
  email: string;
  birthday: string;
  address: string;
  tags: string;
  notes: string;
  channel: Channel | '';
}

export function emptyForm(): CustomerForm {
  return {
    fullName: '',
    callName: '',
    addressAs: '',
    gender: '',
    phones: [''],
    primaryPhone: 0,
    email: '',
    birthday: '',
    address: '',
    tags: '',
    notes: '',
    channel: '',
  };
}

/** A form pre-filled from the search text: digits become the phone, words the name. */
export function formFromQuery(query: string): CustomerForm {
  const form = emptyForm();
  const q = query.trim();
  if (/^[\d\s.+()-]+$/.test(q) && /\d{9,}/.test(q.replace(/\D/g, ''))) form.phones = [q];
  else if (!/\d/.test(q)) form.fullName = q;
  return form;
}

export function formFromCard(card: CustomerCard): CustomerForm {
  const primary = card.phones.findIndex((p) => p.is_primary);
  return {
    fullName: card.full_name,
    callName: card.call_name,
    addressAs: card.address_as === 'none' ? '' : card.address_as,
    gender: card.gender ?? '',
    phones: card.phones.length ? card.phones.map((p) => p.display) : [''],
    primaryPhone: primary < 0 ? 0 : primary,
    email: card.email,
    birthday: card.birthday_display,
    address: card.address,
    tags: card.tags.join(', '),
    notes: card.notes,
    channel: card.contact_channel ?? '',
  };
}

export function draftFromForm(form: CustomerForm, allowDuplicate = false): CustomerDraft {
  return {
    full_name: form.fullName,
    call_name: form.callName,
    address_as: form.addressAs,
    gender: form.gender || null,
    phones: form.phones.map((raw, i) => ({ raw, is_primary: i === form.primaryPhone })),
    email: form.email,
    birthday: form.birthday,
    address: form.address,
    tags: form.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    notes: form.notes,
    contact_channel: form.channel || null,
    allow_duplicate: allowDuplicate,
  };
}

/** Error codes grouped by field name (`full_name`, `phones.0`…). */
export function byField(errors: FieldError[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[e.field] ??= []).push(e.code);
  return out;
}
