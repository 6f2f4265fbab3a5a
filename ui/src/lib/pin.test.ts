import { describe, expect, it } from 'vitest';
import type { StaffView } from './bindings/StaffView';
import { lockState, newPinLabel, pinLabel } from './pin';

const lan = (over: Partial<StaffView>): StaffView => ({
  id: 2,
  name: 'Lan',
  role: 'staff',
  active: true,
  locked_until: null,
  lock_level: 0,
  needs_unlock: false,
  ...over,
});

describe('PIN labels', () => {
  it('ask owners and managers for 6 to 8 digits, staff for 4 to 8', () => {
    expect(pinLabel('staff')).toBe('staff.pin');
    expect(pinLabel('manager')).toBe('staff.pinStrong');
    expect(pinLabel('owner')).toBe('staff.pinStrong');
  });

  it('say a promotion from staff needs a new PIN, and other edits may keep it', () => {
    expect(newPinLabel('staff', 'staff')).toBe('staff.newPin');
    expect(newPinLabel('staff', 'manager')).toBe('staff.newPinPromotion');
    expect(newPinLabel('staff', 'owner')).toBe('staff.newPinPromotion');
    expect(newPinLabel('manager', 'manager')).toBe('staff.newPinStrong');
    expect(newPinLabel('manager', 'staff')).toBe('staff.newPin');
  });
});

describe('lock state', () => {
  const now = Date.parse('2026-11-23T03:00:00Z');
  it('is timed until the end, then over; for good whatever the time', () => {
    expect(lockState(lan({}), now)).toBe('none');
    expect(lockState(lan({ lock_level: 1, locked_until: '2026-11-23T03:05:00Z' }), now)).toBe(
      'timed',
    );
    expect(lockState(lan({ lock_level: 1, locked_until: '2026-11-23T03:00:00Z' }), now)).toBe(
      'none',
    );
    expect(lockState(lan({ lock_level: 4, needs_unlock: true }), now)).toBe('for_good');
  });
});
