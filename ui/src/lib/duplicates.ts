// The duplicate finder and the merge screen: which fields of two cards differ, the choice each
// starts with, what the merged card will hold. The merge itself is the core's.
import type { CustomerCard } from './bindings/CustomerCard';
import type { DuplicateReason } from './bindings/DuplicateReason';
import type { MergeChoice } from './bindings/MergeChoice';
import type { MergeField } from './bindings/MergeField';
import type { MergeSide } from './bindings/MergeSide';
import { MERGE_FIELDS, TAIL_DIGITS } from './bindings/duplicateLists';
import { t, type MessageKey } from './i18n/index.svelte';

export { MERGE_FIELDS };

const LABELS: Record<MergeField, MessageKey> = {
  full_name: 'form.fullName',
  call_name: 'form.callName',
  address_as: 'form.addressAs',
  gender: 'form.gender',
  email: 'form.email',
  birthday: 'form.birthday',
  address: 'form.address',
  contact_channel: 'form.channel',
  anniversary: 'careKind.anniversary',
  locale: 'brief.language',
};

export function fieldLabel(field: MergeField): string {
  return t(LABELS[field]);
}

/** The field's value as the screen shows it; empty when the card has none. */
export function fieldValue(card: CustomerCard, field: MergeField): string {
  switch (field) {
    case 'full_name':
      return card.full_name;
    case 'call_name':
      return card.call_name;
    case 'address_as':
      return card.address_as === 'none' ? '' : t(`address.${card.address_as}` as MessageKey);
    case 'gender':
      return card.gender ? t(`gender.${card.gender}` as MessageKey) : '';
    case 'email':
      return card.email;
    case 'birthday':
      // A lunar 20/12 is another day than a solar one: the calendar is part of the value.
      return card.birthday_display !== '' && card.birthday_lunar
        ? `${card.birthday_display} (${t('card.lunar')})`
        : card.birthday_display;
    case 'address':
      return card.address;
    case 'contact_channel':
      return card.contact_channel ? t(`channel.${card.contact_channel}` as MessageKey) : '';
    case 'anniversary':
      return [card.anniversary, card.anniversary_note].filter((s) => s !== '').join(' — ');
    case 'locale':
      return t(`brief.lang.${card.locale}`);
  }
}

/** Whether the card leaves the field unset, so a merge fills it from the other record (as the
 * core does). Vietnamese is the language every customer starts with: only English was chosen. */
export function isUnset(card: CustomerCard, field: MergeField): boolean {
  return field === 'locale' ? card.locale === 'vi' : fieldValue(card, field) === '';
}

/** Fields whose values differ: the only ones staff choose. */
export function differingFields(keep: CustomerCard, other: CustomerCard): MergeField[] {
  return MERGE_FIELDS.filter((f) => fieldValue(keep, f) !== fieldValue(other, f));
}

export type Choices = Partial<Record<MergeField, MergeSide>>;

/** The kept record's value, unless it has none and the other has one (what a merge without
 * choices does too). */
export function defaultChoices(keep: CustomerCard, other: CustomerCard): Choices {
  const out: Choices = {};
  for (const f of differingFields(keep, other)) out[f] = isUnset(keep, f) ? 'other' : 'keep';
  return out;
}

/** What the core is sent: a side for every differing field. */
export function toChoices(keep: CustomerCard, other: CustomerCard, chosen: Choices): MergeChoice[] {
  return differingFields(keep, other).map((field) => ({ field, side: chosen[field] ?? 'keep' }));
}

/** The merged card's phones: the kept record's first, each number once. */
export function unitedPhones(keep: CustomerCard, other: CustomerCard): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of [...keep.phones, ...other.phones])
    if (!seen.has(p.canonical)) {
      seen.add(p.canonical);
      out.push(p.display);
    }
  return out;
}

export function unitedTags(keep: CustomerCard, other: CustomerCard): string[] {
  return [...new Set([...keep.tags, ...other.tags])].sort((a, b) => a.localeCompare(b, 'vi'));
}

/** The previous system's code the merged record keeps: the kept one's, else the other's. */
export function mergedCode(keep: CustomerCard, other: CustomerCard): string {
  return keep.code ?? other.code ?? '';
}

/** Both records' notes, the kept one's first, as the core joins them. */
export function unitedNotes(keep: CustomerCard, other: CustomerCard): string {
  return [keep.notes, other.notes].filter((n) => n !== '').join('\n\n');
}

export function reasonText(reason: DuplicateReason): string {
  return t(`dup.reason.${reason}` as MessageKey, { n: TAIL_DIGITS });
}
