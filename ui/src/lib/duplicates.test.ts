import { beforeEach, describe, expect, it } from 'vitest';
import { card } from './test-cards';
import {
  defaultChoices,
  differingFields,
  fieldValue,
  mergedCode,
  reasonText,
  toChoices,
  unitedNotes,
  unitedPhones,
  unitedTags,
} from './duplicates';
import { setLocale } from './i18n/index.svelte';

beforeEach(() => setLocale('vi'));

const phone = (canonical: string, display: string) => ({
  id: 0,
  canonical,
  raw: canonical,
  kind: 'mobile' as const,
  display,
  is_primary: false,
});

describe('merge screen', () => {
  const keep = card({ address: '12 Lê Lợi', birthday_display: '' });
  const other = card({
    id: 2,
    full_name: 'Tran Thi Mai',
    address: '45 Hai Bà Trưng',
    birthday_display: '08/03/1992',
    address_as: 'co',
  });

  it('asks only about fields that differ, in the card order', () => {
    expect(differingFields(keep, other)).toEqual([
      'full_name',
      'address_as',
      'birthday',
      'address',
    ]);
    expect(differingFields(keep, keep)).toEqual([]);
  });

  it("starts from the kept record's values, filling its empty ones from the other", () => {
    expect(defaultChoices(keep, other)).toEqual({
      full_name: 'keep',
      address_as: 'keep',
      birthday: 'other',
      address: 'keep',
    });
  });

  it('sends a side for every differing field and nothing else', () => {
    const chosen = {
      ...defaultChoices(keep, other),
      full_name: 'other' as const,
      gender: 'other' as const,
    };
    expect(toChoices(keep, other, chosen)).toEqual([
      { field: 'full_name', side: 'other' },
      { field: 'address_as', side: 'keep' },
      { field: 'birthday', side: 'other' },
      { field: 'address', side: 'keep' },
    ]);
  });

  it('shows coded values translated and empty ones as empty', () => {
    expect(fieldValue(keep, 'address_as')).toBe('chị');
    expect(fieldValue(card({ address_as: 'none' }), 'address_as')).toBe('');
    expect(fieldValue(keep, 'gender')).toBe('Nữ');
    expect(fieldValue(card({ contact_channel: 'zalo' }), 'contact_channel')).toBe('Zalo');
    setLocale('en');
    expect(fieldValue(keep, 'gender')).toBe('Female');
  });

  it('unites phones (each number once, kept first), tags and notes', () => {
    const a = card({ phones: [phone('0912000111', '0912 000 111')], tags: ['VIP'], notes: 'A' });
    const b = card({
      phones: [phone('0988777666', '0988 777 666'), phone('0912000111', '0912 000 111')],
      tags: ['Zalo', 'VIP'],
      notes: 'B',
    });
    expect(unitedPhones(a, b)).toEqual(['0912 000 111', '0988 777 666']);
    expect(unitedTags(a, b)).toEqual(['VIP', 'Zalo']);
    expect(unitedNotes(a, b)).toBe('A\n\nB');
    expect(unitedNotes(card({}), b)).toBe('B');
  });

  it('tells a lunar birthday from a solar one on the same numbers', () => {
    const solar = card({ birthday_display: '20/12/1980' });
    const lunar = card({ id: 2, birthday_display: '20/12/1980', birthday_lunar: true });
    expect(fieldValue(lunar, 'birthday')).toBe('20/12/1980 (âm lịch)');
    expect(differingFields(solar, lunar)).toEqual(['birthday']);
    expect(fieldValue(card({ birthday_lunar: true }), 'birthday')).toBe('');
  });

  it('offers the remembrance day and the language, filled from the other like the core', () => {
    const a = card({});
    const b = card({ id: 2, anniversary: '15/07', anniversary_note: 'Giỗ ông', locale: 'en' });
    expect(differingFields(a, b)).toEqual(['anniversary', 'locale']);
    expect(fieldValue(b, 'anniversary')).toBe('15/07 — Giỗ ông');
    expect(fieldValue(a, 'locale')).toBe('Tiếng Việt');
    expect(defaultChoices(a, b)).toEqual({ anniversary: 'other', locale: 'other' });
    // English was chosen for the kept record: it stays over the other's Vietnamese.
    expect(defaultChoices(b, a)).toEqual({ anniversary: 'keep', locale: 'keep' });
  });

  it("keeps the kept record's old code, else takes the other's", () => {
    expect(mergedCode(card({ code: 'KH1' }), card({ code: 'KH2' }))).toBe('KH1');
    expect(mergedCode(card({}), card({ code: 'KH2' }))).toBe('KH2');
    expect(mergedCode(card({}), card({}))).toBe('');
  });

  it('explains each reason, with the digits compared', () => {
    expect(reasonText('name_birthday')).toBe('trùng tên và ngày sinh');
    expect(reasonText('name_phone_tail')).toBe('trùng tên và 7 số cuối điện thoại');
  });
});
