import { describe, expect, it } from 'vitest';
import type { LoyaltySummary } from './bindings/LoyaltySummary';
import type { PurchaseDraft } from './bindings/PurchaseDraft';
import {
  emptyTender,
  ledgerKind,
  owing,
  points,
  previewKey,
  signed,
  tenderErrors,
  tierProgress,
} from './loyalty';

const summary = (over: Partial<LoyaltySummary>): LoyaltySummary => ({
  points: 0,
  store_credit: 0,
  owed: 0,
  owed_due_on: null,
  tier_name: 'Thành viên',
  spend_12m: 0,
  tier_since: null,
  next_tier_name: 'Bạc',
  next_tier_min_spend: 5_000_000,
  points_lapsing: 0,
  ...over,
});

describe('points and signs', () => {
  it('writes points with dots for thousands and a sign on movements', () => {
    expect(points(1234567)).toBe('1.234.567');
    expect(points(-1200)).toBe('-1.200');
    expect(signed(50)).toBe('+50');
    expect(signed(-2000)).toBe('-2.000');
    expect(signed(0)).toBe('0');
  });
});

describe('tier progress', () => {
  it('is the share of the next threshold spent, and what is left', () => {
    expect(tierProgress(summary({ spend_12m: 1_250_000 }))).toEqual({ pct: 25, left: 3_750_000 });
  });
  it('never passes 100 %, nor counts a negative spend (more refunded than bought)', () => {
    expect(tierProgress(summary({ spend_12m: 9_000_000 }))).toEqual({ pct: 100, left: 0 });
    expect(tierProgress(summary({ spend_12m: -300_000 }))).toEqual({ pct: 0, left: 5_000_000 });
  });
  it('has none at the top tier', () => {
    expect(tierProgress(summary({ next_tier_name: null, next_tier_min_spend: null }))).toBeNull();
  });
});

describe('the tender', () => {
  it('starts empty with the tier discount offered', () => {
    expect(emptyTender()).toEqual({
      tier_discount: true,
      voucher: '',
      points: '',
      credit: '',
      paid: '',
      method: '',
      due_on: '',
    });
  });
  it('groups the core field errors by field', () => {
    expect(
      tenderErrors([
        { field: 'points', code: 'points_over_balance' },
        { field: 'due_on', code: 'due_on_required' },
        { field: 'points', code: 'points_over_total' },
      ]),
    ).toEqual({
      points: ['points_over_balance', 'points_over_total'],
      due_on: ['due_on_required'],
    });
  });
  it('asks for a due date only when something is left owing', () => {
    expect(owing(null)).toBe(false);
    expect(owing({ owed: 0 } as never)).toBe(false);
    expect(owing({ owed: 1 } as never)).toBe(true);
  });
  it('asks the core again only when what it reads changes', () => {
    const d: PurchaseDraft = {
      receipt_no: '',
      sold_on: '',
      customer_id: 3,
      note: '',
      lines: [{ product_id: 1, quantity: 2, unit_price: '', discount: '', serials: [] }],
      tender: emptyTender(),
    };
    const same = { ...d, note: 'Xuất hoá đơn', receipt_no: 'HD1' };
    expect(previewKey(same)).toBe(previewKey(d));
    expect(previewKey({ ...d, tender: { ...d.tender, points: '100' } })).not.toBe(previewKey(d));
    expect(previewKey({ ...d, customer_id: null })).not.toBe(previewKey(d));
    const more = { ...d, lines: [{ ...d.lines[0]!, quantity: 3 }] };
    expect(previewKey(more)).not.toBe(previewKey(d));
  });
});

describe('the history', () => {
  it('names the entries it knows and no others', () => {
    expect(ledgerKind('points', 'earn')).toBe('points.earn');
    expect(ledgerKind('credit', 'spend')).toBe('credit.spend');
    expect(ledgerKind('credit', 'earn')).toBeNull();
  });
});
