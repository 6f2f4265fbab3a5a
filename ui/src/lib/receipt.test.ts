import { beforeEach, describe, expect, it } from 'vitest';
import type { PurchaseView } from './bindings/PurchaseView';
import type { UnitView } from './bindings/UnitView';
import {
  ROLL_COLUMNS,
  center,
  customerLine,
  receiptLines,
  receiptTotals,
  rollRows,
  saveFormat,
  savedFormat,
  spread,
  wrap,
} from './receipt';

const line = (id: number, name: string, quantity: number, price: number, discount = 0) => ({
  id,
  product_id: id,
  product_name: name,
  quantity,
  unit_price: price,
  discount,
  line_total: quantity * price - discount,
  warranty_months: 12,
  exchange_days: 7,
  policy: { name: '', text: '', rules: [] },
  returned_quantity: 0,
});

const sale = {
  id: 1,
  receipt_no: 'HD-000123',
  total: 36_000_000 + 2 * 150_000 - 50_000,
  lines: [
    line(11, 'Điện thoại iPhone 15 Pro Max 256GB Titan tự nhiên chính hãng VN/A', 2, 18_000_000),
    line(12, 'Ốp lưng', 2, 150_000, 50_000),
  ],
  units: [
    { id: 1, line_id: 11, serial: '356789012345678' },
    { id: 2, line_id: 11, serial: '356789012345679' },
  ] as UnitView[],
} as unknown as PurchaseView;

const labels = {
  discount: 'Giảm giá',
  gross: 'Tạm tính',
  totalDiscount: 'Giảm giá',
  total: 'Tổng cộng',
  paid: 'Khách trả',
};
const head = {
  shopName: 'Điện máy Hoà Bình',
  shopAddress: '12 Nguyễn Trãi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh',
  shopPhone: 'ĐT: 028 3812 3456',
  title: 'Hoá đơn bán hàng',
  facts: [
    ['Số', 'HD-000123'],
    ['Ngày', '12/05/2026 14:30'],
    ['Khách hàng', 'Chị Lan (Nguyễn Thị Lan)'],
    ['SĐT', ''],
  ] as Array<[string, string]>,
  footer: 'Cảm ơn quý khách! Hàng đã mua được đổi trong 7 ngày theo chính sách cửa hàng.',
};

describe('receipt sums', () => {
  it('lists every line with its serials and adds up to the sale', () => {
    const lines = receiptLines(sale);
    expect(lines.map((l) => l.serials)).toEqual([['356789012345678', '356789012345679'], []]);
    expect(lines[1]).toMatchObject({ quantity: 2, unitPrice: 150_000, amount: 250_000 });
    expect(receiptTotals(sale)).toEqual({
      gross: 36_300_000,
      discount: 50_000,
      total: 36_250_000,
    });
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(receiptTotals(sale).total);
  });
});

describe('80 mm rows', () => {
  it('wrap words, cut a word longer than a row, count accented letters once', () => {
    expect(wrap('Ốp lưng silicon trong suốt', 10)).toEqual(['Ốp lưng', 'silicon', 'trong suốt']);
    expect(wrap('ABCDEFGHIJKL', 5)).toEqual(['ABCDE', 'FGHIJ', 'KL']);
    // "Hoà" typed with a combining grave is three letters, not four.
    expect(wrap('Hoa\u0300 Bi\u0300nh', 8)).toEqual(['Hoà Bình']);
    expect(wrap('', 10)).toEqual([]);
  });

  it('put an amount flush right, on a row of its own when it does not fit', () => {
    expect(spread('Tổng', '100', 10)).toEqual(['Tổng   100']);
    expect(spread('Tổng cộng', '1.000', 10)).toEqual(['Tổng cộng', '     1.000']);
    expect(spread('1 x 5', '5', 10, 2)).toEqual(['  1 x 5  5']);
    expect(center('ab', 6)).toEqual(['  ab']);
  });

  it('never run past the roll and carry lines, discounts and the total', () => {
    const rows = rollRows(head, receiptLines(sale), receiptTotals(sale), labels);
    for (const r of rows) expect([...r].length, r).toBeLessThanOrEqual(ROLL_COLUMNS);
    const text = rows.join('\n');
    expect(text).toContain('356789012345679');
    expect(rows).toContain(`  2 x 18.000.000\u00a0₫${' '.repeat(12)}36.000.000\u00a0₫`);
    expect(rows.some((r) => /^ {2}Giảm giá +-50\.000\u00a0₫$/.test(r))).toBe(true);
    expect(rows.some((r) => /^TỔNG CỘNG +36\.250\.000\u00a0₫$/.test(r))).toBe(true);
    expect(rows.some((r) => /^Tạm tính +36\.300\.000\u00a0₫$/.test(r))).toBe(true);
    // An empty fact (no phone shown) leaves no row behind.
    expect(text).not.toMatch(/SĐT/);
    expect(rows[0]!.trim()).toBe('ĐIỆN MÁY HOÀ BÌNH');
  });

  it('fit a narrower roll as well', () => {
    const rows = rollRows(head, receiptLines(sale), receiptTotals(sale), labels, 32);
    for (const r of rows) expect([...r].length, r).toBeLessThanOrEqual(32);
    expect(rows.some((r) => r.endsWith('36.250.000\u00a0₫'))).toBe(true);
  });

  it('leave out the discount rows when nothing was discounted', () => {
    const plain = { ...sale, lines: [sale.lines[0]!], total: 36_000_000 };
    const rows = rollRows(head, receiptLines(plain), receiptTotals(plain), labels);
    expect(rows.some((r) => r.startsWith('Tạm tính'))).toBe(false);
  });
});

describe('the customer', () => {
  it('is named with the form of address first', () => {
    expect(customerLine('chị', 'Nguyễn Thị Lan')).toBe('Chị Nguyễn Thị Lan');
    expect(customerLine('ông', 'Trần Văn Đức')).toBe('Ông Trần Văn Đức');
    expect(customerLine('', 'Lê Hà')).toBe('Lê Hà');
  });
});

describe('the chosen format', () => {
  beforeEach(() => localStorage.clear());
  it('is the roll until this PC chooses A5, then stays A5', () => {
    expect(savedFormat()).toBe('roll80');
    saveFormat('a5');
    expect(savedFormat()).toBe('a5');
    saveFormat('roll80');
    expect(savedFormat()).toBe('roll80');
  });
});
