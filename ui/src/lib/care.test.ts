import { describe, expect, it } from 'vitest';
import type { ReminderView } from './bindings/ReminderView';
import {
  categoryDaysText,
  daysLate,
  groupByKind,
  moveSelection,
  parseCategoryDays,
  parseOffsets,
  unknownPlaceholders,
} from './care';

const r = (id: number, kind: ReminderView['kind']): ReminderView => ({ id, kind }) as ReminderView;

describe('the Today queue', () => {
  it('groups by kind, late claims first, empty groups left out', () => {
    const groups = groupByKind([
      r(1, 'check_in'),
      r(2, 'claim_overdue'),
      r(3, 'check_in'),
      r(4, 'manual'),
    ]);
    expect(groups.map((g) => [g.kind, g.items.map((i) => i.id)])).toEqual([
      ['claim_overdue', [2]],
      ['check_in', [1, 3]],
      ['manual', [4]],
    ]);
  });

  it('counts days late across a month end', () => {
    expect(daysLate('2026-11-30', '2026-12-02')).toBe(2);
    expect(daysLate('2026-12-02', '2026-12-02')).toBe(0);
    expect(daysLate('2026-12-05', '2026-12-02')).toBe(-3);
  });

  it('moves the selection with the keyboard and stays in the list', () => {
    expect(moveSelection(0, 'ArrowDown', 3)).toBe(1);
    expect(moveSelection(2, 'ArrowDown', 3)).toBe(2);
    expect(moveSelection(0, 'ArrowUp', 3)).toBe(0);
    expect(moveSelection(1, 'End', 3)).toBe(2);
    expect(moveSelection(1, 'x', 3)).toBe(1);
    expect(moveSelection(0, 'ArrowDown', 0)).toBe(-1);
  });
});

describe('care settings as typed', () => {
  it('reads day offsets', () => {
    expect(parseOffsets('30, 7')).toEqual([30, 7]);
    expect(parseOffsets(' 3 ')).toEqual([3]);
    expect(parseOffsets('-1')).toEqual([-1]);
    expect(parseOffsets('')).toBeNull();
    expect(parseOffsets('7 ngày')).toBeNull();
  });

  it('reads check-in days per category and writes them back', () => {
    expect(parseCategoryDays('Điện thoại=14; Mỹ phẩm = 30;')).toEqual({
      'Điện thoại': 14,
      'Mỹ phẩm': 30,
    });
    expect(parseCategoryDays('')).toEqual({});
    expect(parseCategoryDays('Điện thoại=hai tuần')).toBeNull();
    expect(parseCategoryDays('=14')).toBeNull();
    expect(parseCategoryDays('A=1=2')).toBeNull();
    expect(categoryDaysText({ 'Điện thoại': 14, 'Mỹ phẩm': 30 })).toBe('Điện thoại=14; Mỹ phẩm=30');
  });

  it('flags placeholders the shop cannot use, whatever their case', () => {
    const known = ['xung_ho', 'ten', 'cua_hang'];
    expect(
      unknownPlaceholders('{Xung_ho} {ten} ơi, {cua_hang} tặng {voucher} và {voucher}', known),
    ).toEqual(['voucher']);
    expect(unknownPlaceholders('Không có chỗ trống', known)).toEqual([]);
  });
});
