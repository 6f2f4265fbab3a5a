import { describe, expect, it } from 'vitest';
import type { VoucherView } from './bindings/VoucherView';
import {
  archiveAction,
  codeLooksValid,
  discountText,
  filterVouchers,
  normalCode,
  usesText,
} from './vouchers';
import { ageRows, entryAmount, fullAmount, isOverdue, overOwed } from './debts';
import { en } from './i18n/en';
import { vi } from './i18n/vi';

const voucher = (over: Partial<VoucherView>): VoucherView => ({
  id: 1,
  code: 'TET2027',
  kind: 'amount',
  value: 50000,
  min_spend: 0,
  max_discount: null,
  expires_on: null,
  max_uses: 1,
  uses: 0,
  customer_id: null,
  customer_name: null,
  origin: 'manual',
  note: '',
  created_by: 'Chủ Hà',
  created_at: '2026-11-23T03:00:00Z',
  status: 'active',
  ...over,
});

describe('vouchers as the list shows them', () => {
  it('reads an amount, a percentage and a capped percentage', () => {
    expect(discountText(voucher({}))).toBe('50.000 ₫');
    expect(discountText(voucher({ kind: 'percent', value: 10 }))).toBe('10%');
    expect(discountText(voucher({ kind: 'percent', value: 20, max_discount: 100000 }))).toBe(
      '20% (≤ 100.000 ₫)',
    );
  });

  it('counts uses against the limit, or alone without one', () => {
    expect(usesText(voucher({ uses: 1, max_uses: 2 }))).toBe('1/2');
    expect(usesText(voucher({ uses: 3, max_uses: null }))).toBe('3');
  });

  it('filters by status and offers archive or restore', () => {
    const list = [
      voucher({ id: 1, status: 'active' }),
      voucher({ id: 2, status: 'expired' }),
      voucher({ id: 3, status: 'archived' }),
    ];
    expect(filterVouchers(list, 'all').map((v) => v.id)).toEqual([1, 2, 3]);
    expect(filterVouchers(list, 'expired').map((v) => v.id)).toEqual([2]);
    expect(archiveAction(list[0]!)).toBe('archive');
    expect(archiveAction(list[2]!)).toBe('restore');
  });

  it('sends a code trimmed in upper case and warns before a code that cannot be one', () => {
    expect(normalCode('  tet2027 ')).toBe('TET2027');
    expect(codeLooksValid('')).toBe(true);
    expect(codeLooksValid('tet2027')).toBe(true);
    expect(codeLooksValid('AB')).toBe(false);
    expect(codeLooksValid('TẾT-27')).toBe(false);
    expect(codeLooksValid('A'.repeat(21))).toBe(false);
  });
});

describe('debts as the screens show them', () => {
  it('lists the age buckets in order with their share', () => {
    const rows = ageRows({
      not_due: 130000,
      d1_30: 300000,
      d31_60: 200000,
      d61_90: 0,
      over_90: 100000,
    });
    expect(rows.map((r) => r.key)).toEqual(['not_due', 'd1_30', 'd31_60', 'd61_90', 'over_90']);
    expect(rows.map((r) => r.share)).toEqual([18, 41, 27, 0, 14]);
    expect(ageRows({ not_due: 0, d1_30: 0, d31_60: 0, d61_90: 0, over_90: 0 })[0]!.share).toBe(0);
  });

  it('is overdue only when something is owed past its day', () => {
    expect(isOverdue(5, 100000)).toBe(true);
    expect(isOverdue(0, 100000)).toBe(false);
    expect(isOverdue(5, 0)).toBe(false);
  });

  it('offers the whole debt, flags more than is owed, signs the history', () => {
    expect(fullAmount(350000)).toBe('350000');
    expect(fullAmount(0)).toBe('');
    expect(overOwed(350001, 350000)).toBe(true);
    expect(overOwed(350000, 350000)).toBe(false);
    expect(overOwed(null, 350000)).toBe(false);
    expect(entryAmount({ amount: -200000 })).toEqual({ sign: '−', abs: 200000 });
    expect(entryAmount({ amount: 500000 })).toEqual({ sign: '+', abs: 500000 });
  });
});

describe('every refusal of a voucher or a debt reads in both languages', () => {
  const codes = [
    'voucher_unknown',
    'voucher_archived',
    'voucher_expired',
    'voucher_used_up',
    'voucher_not_yours',
    'voucher_under_min_spend',
    'voucher_code_invalid',
    'voucher_code_taken',
    'voucher_expiry_past',
    'percent_out_of_range',
    'debt_needs_customer',
    'debt_not_allowed',
    'debt_over_limit',
    'payment_exceeds_owed',
    'method_invalid',
  ];
  it.each(codes)('%s', (code) => {
    const key = `field.${code}` as keyof typeof vi;
    expect(vi[key]).toBeTruthy();
    expect(en[key]).toBeTruthy();
    expect(vi[key]).not.toBe(en[key]);
  });
});
