import { describe, expect, it } from 'vitest';
import {
  fitLabel,
  formatNumber,
  labelIndexes,
  niceScale,
  niceStep,
  shortNumber,
  yOf,
} from './chart';

describe('value axis', () => {
  it('steps are 1, 2 or 5 × 10^n, never below what was asked', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(30)).toBe(50);
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(0.1 + 0.2)).toBe(0.5);
    expect(niceStep(3_086_250)).toBe(5_000_000);
    expect(niceStep(0)).toBe(1);
    expect(niceStep(Number.NaN)).toBe(1);
  });

  it('ends on a round top that holds the largest value', () => {
    expect(niceScale(7, { integer: true })).toEqual({ top: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(12_345_000).ticks).toEqual([0, 5e6, 10e6, 15e6]);
    expect(niceScale(100)).toEqual({ top: 100, step: 50, ticks: [0, 50, 100] });
    const s = niceScale(83);
    expect(s.top).toBeGreaterThanOrEqual(83);
    expect(s.ticks.length - 1).toBeLessThanOrEqual(4);
  });

  it('never gives a count half a step, an empty chart one tick, a percentage its 100', () => {
    expect(niceScale(2, { integer: true }).ticks).toEqual([0, 1, 2]);
    expect(niceScale(0, { integer: true })).toEqual({ top: 1, step: 1, ticks: [0, 1] });
    expect(niceScale(-5)).toEqual({ top: 1, step: 1, ticks: [0, 1] });
    expect(niceScale(37, { fixedTop: 100 }).top).toBe(100);
    expect(niceScale(0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('places values on the axis, clamped to it', () => {
    expect(yOf(0, 10, 80)).toBe(80);
    expect(yOf(10, 10, 80)).toBe(0);
    expect(yOf(5, 10, 80)).toBe(40);
    expect(yOf(20, 10, 80)).toBe(0);
    expect(yOf(-1, 10, 80)).toBe(80);
    expect(yOf(3, 0, 80)).toBe(80);
  });
});

describe('numbers on charts', () => {
  it('are written the Vietnamese way in Vietnamese', () => {
    expect(formatNumber(1234567.5, 'vi')).toBe('1.234.567,5');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(2.0, 'vi')).toBe('2');
    expect(formatNumber(-1500, 'vi')).toBe('-1.500');
  });

  it('are shortened with the words shops use', () => {
    expect(shortNumber(1_500_000, 'vi')).toBe('1,5 tr');
    expect(shortNumber(15_000_000, 'vi')).toBe('15 tr');
    expect(shortNumber(1_200_000_000, 'vi')).toBe('1,2 tỷ');
    expect(shortNumber(500_000, 'vi')).toBe('500 N');
    expect(shortNumber(750, 'vi')).toBe('750');
    expect(shortNumber(0.5, 'vi')).toBe('0,5');
    expect(shortNumber(1_500_000, 'en')).toBe('1.5M');
    expect(shortNumber(0, 'en')).toBe('0');
  });
});

describe('category labels', () => {
  it('print all when they fit, else spread out with the first and last kept', () => {
    expect(labelIndexes(5, 8)).toEqual([0, 1, 2, 3, 4]);
    expect(labelIndexes(31, 6)).toEqual([0, 6, 12, 18, 24, 30]);
    expect(labelIndexes(30, 6)).toEqual([0, 6, 12, 18, 24, 29]);
    expect(labelIndexes(27, 6)).toEqual([0, 6, 12, 18, 26]);
    expect(labelIndexes(10, 1)).toEqual([0]);
    expect(labelIndexes(0, 5)).toEqual([]);
    for (const [n, room] of [
      [31, 6],
      [90, 7],
      [12, 5],
    ] as const) {
      const got = labelIndexes(n, room);
      expect(got.length).toBeLessThanOrEqual(room);
      expect(got[0]).toBe(0);
      expect(got[got.length - 1]).toBe(n - 1);
    }
  });
});

describe('long category labels', () => {
  it('are cut to their room with an ellipsis, accented letters counted once', () => {
    expect(fitLabel('Zalo', 6)).toBe('Zalo');
    expect(fitLabel('Chất lượng sản phẩm', 8)).toBe('Chất lư…');
    expect(fitLabel('Điện thoại', 1)).toBe('…');
  });
});
