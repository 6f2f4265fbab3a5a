import { describe, expect, it } from 'vitest';
import { storeChoices, storesOf, toggleStore } from './stores';

describe('store pickers', () => {
  const all = {
    here: 'HN1',
    stores: ['HN1', 'HCM1', 'DN1'],
    members: [
      { staff_id: 1, stores: ['HN1'] },
      { staff_id: 2, stores: [] },
    ],
  };

  it('reads a member’s stores, none for one not listed', () => {
    expect(storesOf(all, 1)).toEqual(['HN1']);
    expect(storesOf(all, 2)).toEqual([]);
    expect(storesOf(all, 9)).toEqual([]);
  });

  it('ticks and unticks a store once, sorted', () => {
    expect(toggleStore(['HN1'], 'DN1', true)).toEqual(['DN1', 'HN1']);
    expect(toggleStore(['DN1', 'HN1'], 'DN1', true)).toEqual(['DN1', 'HN1']);
    expect(toggleStore(['DN1', 'HN1'], 'HN1', false)).toEqual(['DN1']);
  });

  it('offers this store first, then the others by code', () => {
    expect(storeChoices(all.stores, 'HN1')).toEqual(['HN1', 'DN1', 'HCM1']);
    expect(storeChoices(all.stores, null)).toEqual(['DN1', 'HCM1', 'HN1']);
  });
});
