import { render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from './backend';
import type { LoyaltyReport as Report } from './bindings/LoyaltyReport';
import { setLocale, t, tCode, type CodePrefix } from './i18n/index.svelte';
import { AGE_BUCKETS, figureText, LOYALTY_FIGURES, loyaltyRows } from './loyaltyReport';
import LoyaltyReport from './components/LoyaltyReport.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('./backend')>('./backend');
  return {
    BackendError: actual.BackendError,
    backend: { loyaltyReport: vi.fn(), saveExport: vi.fn(), saveExportXlsx: vi.fn() },
  };
});
const mocked = vi.mocked(backend);

function report(over: Partial<Report> = {}): Report {
  return {
    from: '2026-11-01',
    to: '2026-11-30',
    points_issued: 1250,
    points_redeemed: 300,
    points_expired: 40,
    points_outstanding: 5000,
    point_value: 1000,
    points_liability: 5_000_000,
    vouchers_issued: 3,
    vouchers_redeemed: 2,
    voucher_discount: 70_000,
    redemption_rate: 33.3,
    store_credit_outstanding: 60_000,
    debt: [
      { bucket: 'not_due', customers: 1, amount: 300_000 },
      { bucket: 'overdue_31_60', customers: 2, amount: 150_000 },
    ],
    debt_total: 450_000,
    ...over,
  };
}

const label = (s: string, k: string) => tCode(s as CodePrefix, k);

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
});

describe('loyalty report figures', () => {
  it('reads money as đồng, the rate as a percentage, and no rate as a dash', () => {
    const r = report();
    const count = (n: number) => String(n);
    expect(figureText(r, 'points_liability', count)).toBe('5.000.000 ₫');
    expect(figureText(r, 'points_issued', count)).toBe('1250');
    expect(figureText(r, 'redemption_rate', count)).toBe('33.3 %');
    expect(figureText(report({ redemption_rate: null }), 'redemption_rate', count)).toBe('—');
  });

  it('exports every figure, then every age with its customers, empty ages as zero', () => {
    const rows = loyaltyRows(report(), label);
    expect(rows).toHaveLength(1 + LOYALTY_FIGURES.length + AGE_BUCKETS.length);
    expect(rows[0]).toEqual(['Phần', 'Chỉ số', 'Giá trị', 'Số khách']);
    const age = rows.slice(1 + LOYALTY_FIGURES.length);
    expect(age.map((r) => [r[2], r[3]])).toEqual([
      [300_000, 1],
      [0, 0],
      [150_000, 2],
      [0, 0],
      [0, 0],
    ]);
  });

  it('translates every figure and age in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      setLocale(locale);
      for (const f of LOYALTY_FIGURES) expect(label('loyaltyFigure', f)).not.toContain('.');
      for (const b of AGE_BUCKETS) expect(label('ageBucket', b)).not.toContain('ageBucket');
    }
  });

  it('shows the period asked for and saves the export through the core', async () => {
    mocked.loyaltyReport.mockResolvedValue(report());
    mocked.saveExportXlsx.mockResolvedValue('/tmp/tich-diem.xlsx');
    render(LoyaltyReport, { from: '01/11/2026', to: '30/11/2026' });
    await waitFor(() =>
      expect(screen.getByTestId('loyalty-debt_total').textContent).toBe('450.000 ₫'),
    );
    expect(mocked.loyaltyReport).toHaveBeenCalledWith({ from: '01/11/2026', to: '30/11/2026' });
    screen.getByRole('button', { name: t('dashboard.exportXlsx') }).click();
    await waitFor(() => expect(mocked.saveExportXlsx).toHaveBeenCalled());
    const [name, rows] = mocked.saveExportXlsx.mock.calls[0] ?? [];
    expect(name).toBe('tich-diem-cong-no');
    expect(rows).toEqual(loyaltyRows(report(), label));
  });
});
