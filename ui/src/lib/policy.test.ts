import { describe, expect, it } from 'vitest';
import type { Rule } from './bindings/Rule';
import { blankPolicy, newRule, policyFrom, ruleErrors } from './policy';

const rule = (from_day: number, to_day: number | null): Rule => ({
  from_day,
  to_day,
  condition: 'faulty',
  intact_only: false,
  full_price_only: false,
  remedy: 'exchange',
  refund_percent: 0,
});

describe('a new return policy', () => {
  it('starts empty or as a copy of a preset that editing does not change', () => {
    expect(blankPolicy()).toEqual({ name: '', text: '', rules: [] });
    const preset = { name: 'Điện thoại', text: '1 đổi 1 trong 30 ngày', rules: [rule(0, 30)] };
    const copy = policyFrom(preset);
    expect(copy.name).toBe('');
    expect(copy.text).toBe(preset.text);
    copy.rules[0]!.to_day = 7;
    expect(preset.rules[0]!.to_day).toBe(30);
  });

  it('adds each rule after the days already covered', () => {
    expect(newRule([])).toMatchObject({ from_day: 0, to_day: 7 });
    expect(newRule([rule(0, 7)])).toMatchObject({ from_day: 8, to_day: 15 });
    expect(newRule([rule(0, 30), rule(0, 3), rule(31, null)])).toMatchObject({ from_day: 31 });
  });

  it('shows each rule its own errors', () => {
    const errors = {
      name: 'Tên trống',
      'rules.1.from_day': 'Trùng ngày',
      'rules.1.refund_percent': 'Phần trăm',
      'rules.10.to_day': 'Đảo ngược',
    };
    expect(ruleErrors(errors, 1)).toEqual(['Trùng ngày', 'Phần trăm']);
    expect(ruleErrors(errors, 10)).toEqual(['Đảo ngược']);
    expect(ruleErrors(errors, 0)).toEqual([]);
  });
});
