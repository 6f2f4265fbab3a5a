import { describe, expect, it } from 'vitest';
import { currentSection, menuMove } from './settings-menu';

describe('the settings menu', () => {
  const tops = [
    { id: 'shop', top: -900 },
    { id: 'policies', top: -20 },
    { id: 'care', top: 300 },
    { id: 'staff', top: 1400 },
  ];

  it('marks the last section whose heading has scrolled past the line', () => {
    expect(currentSection(tops, 80)).toBe('policies');
    expect(currentSection(tops, 400)).toBe('care');
    expect(
      currentSection(
        tops.map((s) => ({ ...s, top: s.top + 2000 })),
        80,
      ),
    ).toBe('shop');
    expect(currentSection(tops, 80, true)).toBe('staff');
    expect(currentSection([], 80)).toBe('');
  });

  it('moves with the arrow keys, wrapping, and to the ends with Home and End', () => {
    expect(menuMove('ArrowDown', 0, 4)).toBe(1);
    expect(menuMove('ArrowDown', 3, 4)).toBe(0);
    expect(menuMove('ArrowUp', 0, 4)).toBe(3);
    expect(menuMove('Home', 2, 4)).toBe(0);
    expect(menuMove('End', 0, 4)).toBe(3);
    expect(menuMove('Enter', 1, 4)).toBeNull();
  });
});
