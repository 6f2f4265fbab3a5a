import { describe, expect, it } from 'vitest';
import { card as customerCard } from './test-cards';
import { shopDate } from './dates';
import { byField, draftFromForm, emptyForm, formFromCard, formFromQuery } from './form';
import { en } from './i18n/en';
import { i18n, setLocale, t, tCode } from './i18n/index.svelte';
import { vi } from './i18n/vi';
import { shortcutFor } from './keys';
import { latestOnly } from './latest';
import { moveActive } from './listbox';

describe('i18n', () => {
  it('has the same keys in Vietnamese and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of Object.entries(en)) expect(v, k).not.toBe('');
  });

  it('is Vietnamese by default, switches, and remembers the choice', () => {
    setLocale('vi');
    expect(t('action.save')).toBe('Lưu');
    setLocale('en');
    expect(i18n.locale).toBe('en');
    expect(t('action.save')).toBe('Save');
    expect(localStorage.getItem('khachquen.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    setLocale('vi');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    setLocale('vi');
    expect(t('card.birthdayIn', { n: 3 })).toBe('còn 3 ngày');
    expect(t('search.none')).toContain('{q}');
  });

  it('translates error and field codes, with a fallback for unknown codes', () => {
    setLocale('vi');
    expect(tCode('error', 'schema_too_new')).toMatch(/phiên bản/);
    expect(tCode('error', 'no_such_code')).toBe(vi['error.unknown']);
    expect(tCode('field', 'email_invalid')).toBe('Email không hợp lệ.');
  });
});

describe('customer form mapping', () => {
  it('sends what was typed, with tags split and the chosen primary phone', () => {
    const form = {
      ...emptyForm(),
      fullName: 'Lan',
      phones: ['0912', '0987'],
      primaryPhone: 1,
      tags: ' VIP, ,Khách quen ',
    };
    const d = draftFromForm(form, true);
    expect(d.phones).toEqual([
      { raw: '0912', is_primary: false },
      { raw: '0987', is_primary: true },
    ]);
    expect(d.tags).toEqual(['VIP', 'Khách quen']);
    expect(d.allow_duplicate).toBe(true);
    expect(d.gender).toBeNull();
  });

  it('edits a card with its display values', () => {
    const card = customerCard({
      full_name: 'Đặng Thị Ngọc Hân',
      call_name: 'Hân',
      greeting: 'chị Hân',
      phones: [
        {
          id: 1,
          canonical: '0912345678',
          raw: '0912.345.678',
          kind: 'mobile',
          display: '0912 345 678',
          is_primary: false,
        },
        {
          id: 2,
          canonical: '0987654321',
          raw: '0987654321',
          kind: 'mobile',
          display: '0987 654 321',
          is_primary: true,
        },
      ],
      birthday_display: '26/11',
      days_to_birthday: 3,
      tags: ['VIP'],
      contact_channel: 'zalo',
    });
    const form = formFromCard(card);
    expect(form.phones).toEqual(['0912 345 678', '0987 654 321']);
    expect(form.primaryPhone).toBe(1);
    expect(form.birthday).toBe('26/11');
    expect(form.channel).toBe('zalo');
    expect(draftFromForm(form).address_as).toBe('chi');
  });

  it('pre-fills a new customer from the search text', () => {
    expect(formFromQuery('0912 345 678').phones).toEqual(['0912 345 678']);
    expect(formFromQuery('Ngọc Hân').fullName).toBe('Ngọc Hân');
    expect(formFromQuery('678')).toEqual(emptyForm());
  });

  it('groups error codes by field', () => {
    expect(
      byField([
        { field: 'phones.0', code: 'phone_invalid' },
        { field: 'email', code: 'email_invalid' },
        { field: 'phones.0', code: 'x' },
      ]),
    ).toEqual({ 'phones.0': ['phone_invalid', 'x'], email: ['email_invalid'] });
  });
});

describe('keyboard', () => {
  const k = (key: string, mods: Partial<KeyboardEvent> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it('maps the counter shortcuts', () => {
    expect(shortcutFor(k('F2'))).toBe('search');
    expect(shortcutFor(k('k', { ctrlKey: true }))).toBe('search');
    expect(shortcutFor(k('N', { ctrlKey: true }))).toBe('new');
    expect(shortcutFor(k('Escape'))).toBe('back');
    expect(shortcutFor(k('n'))).toBeNull();
    expect(shortcutFor(k('k'))).toBeNull();
  });

  it('moves through the listbox and wraps around', () => {
    expect(moveActive(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(2, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(0, 'ArrowUp', 3)).toBe(2);
    expect(moveActive(1, 'End', 3)).toBe(2);
    expect(moveActive(1, 'ArrowDown', 0)).toBe(-1);
  });
});

describe('latestOnly', () => {
  it('drops an answer that arrives after a newer request was made', async () => {
    const resolvers: Array<(v: string) => void> = [];
    const fn = latestOnly((q: string) => new Promise<string>((r) => resolvers.push(() => r(q))));
    const slow = fn('ha');
    const fast = fn('han');
    resolvers[1]?.('');
    resolvers[0]?.('');
    expect(await fast).toEqual({ stale: false, value: 'han' });
    expect(await slow).toEqual({ stale: true });
  });
});

describe('shopDate', () => {
  it('shows the shop date in Vietnam time', () => {
    expect(shopDate('2026-11-23T17:30:00Z')).toBe('24/11/2026');
    expect(shopDate('2026-11-23T16:59:59Z')).toBe('23/11/2026');
    expect(shopDate('garbage')).toBe('');
  });
});
