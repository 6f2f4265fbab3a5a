import { describe, expect, it } from 'vitest';
import { coverageLine, dmy, moveFields, outcomeFor, vnd } from './aftersales';
import type { Coverage } from './bindings/Coverage';

const base: Coverage = {
  state: 'under_warranty',
  start: '2026-05-12',
  end: '2027-05-12',
  days_left: 171,
  exchange_until: null,
  extension_days: 0,
  claims: 0,
  repairs_in_term: 0,
  replacement_due: false,
};

describe('after-sales display', () => {
  it('formats đồng and dates the Vietnamese way', () => {
    expect(vnd(19990000)).toBe('19.990.000 ₫');
    expect(vnd(0)).toBe('0 ₫');
    expect(vnd(-150000)).toBe('-150.000 ₫');
    expect(dmy('2027-05-12')).toBe('12/05/2027');
    expect(dmy(null)).toBe('');
  });

  it('picks the coverage line for each state', () => {
    expect(coverageLine(base)).toEqual({
      key: 'coverage.line.warranty',
      params: { end: '12/05/2027', days: 171 },
    });
    expect(coverageLine({ ...base, state: 'expired', days_left: -3 }).params.days).toBe(3);
    expect(
      coverageLine({ ...base, state: 'exchange_window', exchange_until: '2026-06-11' }).params
        .until,
    ).toBe('11/06/2026');
    expect(coverageLine({ ...base, state: 'closed' }).key).toBe('coverage.line.closed');
  });

  it('asks a move only for what it needs, and follows the verdict by default', () => {
    expect(moveFields('at_service_center')).toEqual(['service_center']);
    expect(moveFields('awaiting_approval')).toEqual(['quote']);
    expect(moveFields('diagnosing')).toEqual([]);
    expect(outcomeFor('refund')).toBe('refund');
    expect(outcomeFor('paid_repair')).toBe('repair');
    expect(outcomeFor('refuse')).toBe('refused');
  });
});
