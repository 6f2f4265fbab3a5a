import { describe, expect, it } from 'vitest';
import { editLines, handedBack, lineTotal, unreadAmounts } from './aftersales';
import type { Product } from './bindings/Product';
import type { PurchaseView } from './bindings/PurchaseView';
import type { UnitView } from './bindings/UnitView';
import { todayIso } from './dates';
import { categories, productDraft, productForm } from './product';

const phone: Product = {
  id: 7,
  code: 'SP00007',
  name: 'iPhone 15',
  category: 'Điện thoại',
  price: 19_990_000,
  warranty_months: 12,
  exchange_days: 30,
  policy_id: 2,
  policy_name: 'Điện thoại',
  repurchase_days: null,
  serial_required: true,
  archived: false,
};

describe('amounts typed at the counter', () => {
  // The core reads them (`parse_money`); the form only adds up its readings.
  const line = { product: phone, quantity: 2, unitPrice: '', discount: '', serials: ['', ''] };

  it('asks the core only for typed amounts it has not read, each once', () => {
    expect(unreadAmounts([line], {})).toEqual([]);
    const typed = [
      { ...line, unitPrice: '19tr5', discount: '500k' },
      { ...line, unitPrice: '19tr5', discount: ' ' },
    ];
    expect(unreadAmounts(typed, {})).toEqual(['19tr5', '500k']);
    expect(unreadAmounts(typed, { '19tr5': 19_500_000 })).toEqual(['500k']);
    expect(unreadAmounts(typed, { '19tr5': 19_500_000, '500k': 500_000 })).toEqual([]);
  });

  it('totals a line from the core readings, the catalogue price when none is typed', () => {
    const read = { '19tr5': 19_500_000, '500k': 500_000, '19tr5x': null };
    expect(lineTotal(line, {})).toBe(39_980_000);
    expect(lineTotal({ ...line, unitPrice: '19tr5', discount: '500k' }, read)).toBe(38_500_000);
    expect(lineTotal({ ...line, unitPrice: '19tr5x' }, read)).toBe(0);
    expect(lineTotal({ ...line, unitPrice: '20tr' }, read), 'not read yet').toBe(0);
    expect(
      lineTotal({ ...line, discount: '1tr' }, read),
      'a discount not read yet takes nothing off',
    ).toBe(39_980_000);
  });
});

describe('editing a recorded sale', () => {
  const unit = (id: number, serial: string | null): UnitView =>
    ({ id, line_id: 11, serial }) as UnitView;
  const sale = {
    id: 1,
    lines: [
      {
        id: 11,
        product_id: 7,
        product_name: 'iPhone 15',
        quantity: 2,
        unit_price: 18_000_000,
        discount: 0,
        line_total: 36_000_000,
        warranty_months: 12,
        exchange_days: 30,
        policy: { name: 'Điện thoại', text: '', rules: [] },
        returned_quantity: 0,
      },
    ],
    units: [unit(1, 'IMEI-A'), unit(2, 'IMEI-B')],
  } as unknown as PurchaseView;

  it('keeps the sold price and one serial per unit', () => {
    const [line] = editLines(sale, [phone]);
    expect(line).toMatchObject({
      quantity: 2,
      unitPrice: '18000000',
      discount: '',
      serials: ['IMEI-A', 'IMEI-B'],
    });
    expect(line?.product.code).toBe('SP00007');
  });

  it('rebuilds the product from the line when the catalogue did not answer for it', () => {
    const [line] = editLines(sale, []);
    expect(line?.product).toMatchObject({
      id: 7,
      name: 'iPhone 15',
      serial_required: true,
      warranty_months: 12,
    });
  });
});

describe('the product form', () => {
  it('round-trips a product into a draft', () => {
    const result = productDraft(productForm(phone));
    expect(result).toEqual({
      draft: {
        code: 'SP00007',
        name: 'iPhone 15',
        category: 'Điện thoại',
        price: '19990000',
        warranty_months: 12,
        exchange_days: 30,
        policy_id: 2,
        repurchase_days: null,
        serial_required: true,
      },
    });
  });

  it('names every field that is not a whole number and keeps the rest as typed', () => {
    const form = {
      ...productForm(null),
      name: 'Mực in',
      warrantyMonths: '1,5',
      exchangeDays: '-1',
      repurchaseDays: 'ba mươi',
    };
    expect(productDraft(form)).toEqual({
      invalid: ['warranty_months', 'exchange_days', 'repurchase_days'],
    });
    expect(form.name).toBe('Mực in');
  });

  it('reads empty counts as none', () => {
    const r = productDraft({
      ...productForm(null),
      warrantyMonths: '',
      exchangeDays: ' ',
      repurchaseDays: '30',
    });
    expect(r).toMatchObject({
      draft: { warranty_months: 0, exchange_days: 0, repurchase_days: 30 },
    });
  });

  it('suggests each category once, in Vietnamese order', () => {
    const p = (category: string) => ({ ...phone, category });
    expect(
      categories([p('Phụ kiện'), p('Điện thoại'), p(' Phụ kiện '), p(''), p('Âm thanh')]),
    ).toEqual(['Âm thanh', 'Điện thoại', 'Phụ kiện']);
  });
});

describe('claims and the shop calendar', () => {
  it('offers the handover slip once the item is back or the case is closed', () => {
    expect(handedBack('ready')).toBe(true);
    expect(handedBack('replaced')).toBe(true);
    expect(handedBack('repairing')).toBe(false);
    expect(handedBack('at_service_center')).toBe(false);
  });

  it('dates today in Vietnam, not in UTC', () => {
    expect(todayIso(Date.parse('2026-11-23T16:59:00Z'))).toBe('2026-11-23');
    expect(todayIso(Date.parse('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });
});
