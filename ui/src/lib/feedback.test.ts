import { describe, expect, it } from 'vitest';
import { barHeights, compare, dashboardRows, linePath, presetPeriod } from './dashboard';
import { complaintMoves, hoursMinutes, linkFrom, linkKey, scale, targetState } from './feedback';
import type { Dashboard } from './bindings/Dashboard';
import type { Kpis } from './bindings/Kpis';

describe('scores and complaints', () => {
  it('gives each metric its scale', () => {
    expect(scale('csat')).toEqual([1, 2, 3, 4, 5]);
    expect(scale('nps')).toHaveLength(11);
    expect(scale('nps')[0]).toBe(0);
    expect(scale('ces')).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('offers only the moves the core allows', () => {
    expect(complaintMoves('open')).toEqual(['in_progress', 'waiting_customer', 'resolved']);
    expect(complaintMoves('resolved')).toEqual(['in_progress', 'closed']);
    expect(complaintMoves('closed')).toEqual([]);
  });

  it('tells how near a case is to its target', () => {
    const c = { minutes_left: 120, resolved_at: null, response_breached: false, resolution_breached: false };
    expect(targetState(c)).toBe('ok');
    expect(targetState({ ...c, minutes_left: 60 })).toBe('soon');
    expect(targetState({ ...c, minutes_left: -1 })).toBe('breached');
    expect(targetState({ ...c, response_breached: true })).toBe('breached');
    expect(targetState({ ...c, minutes_left: null, resolved_at: '2026-11-23T05:00:00Z' })).toBe('done');
    expect(targetState({ ...c, resolved_at: '2026-11-23T05:00:00Z', resolution_breached: true })).toBe('breached');
    expect(hoursMinutes(-150)).toEqual({ h: 2, m: 30 });
  });

  it('round-trips what a touchpoint is about through the select', () => {
    expect(linkFrom(linkKey({ purchase_id: 12, claim_id: null }))).toEqual({ purchase_id: 12, claim_id: null });
    expect(linkFrom('k3')).toEqual({ purchase_id: null, claim_id: 3 });
    expect(linkFrom('')).toEqual({ purchase_id: null, claim_id: null });
    expect(linkFrom('p0')).toEqual({ purchase_id: null, claim_id: null });
    expect(linkKey({ purchase_id: null, claim_id: null })).toBe('');
  });
});

describe('dashboard arithmetic', () => {
  it('turns presets into periods around the shop day', () => {
    expect(presetPeriod('thisMonth', '2026-11-23')).toEqual({ from: '01/11/2026', to: '30/11/2026' });
    expect(presetPeriod('lastMonth', '2026-01-15')).toEqual({ from: '01/12/2025', to: '31/12/2025' });
    expect(presetPeriod('last7', '2026-03-02')).toEqual({ from: '24/02/2026', to: '02/03/2026' });
    expect(presetPeriod('thisYear', '2028-02-29')).toEqual({ from: '01/01/2028', to: '31/12/2028' });
  });

  it('calls a change good or bad by what the figure measures', () => {
    expect(compare(60, 50)).toEqual({ change: 10, trend: 'better' });
    expect(compare(60, 50, true)).toEqual({ change: 10, trend: 'worse' });
    expect(compare(40, 50, true).trend).toBe('better');
    expect(compare(null, 50).trend).toBe('none');
    expect(compare(5, 5).trend).toBe('same');
  });

  it('draws lines broken at missing points and scales bars to the tallest', () => {
    expect(linePath([0, 50, null, 100], 300, 100)).toBe('M0 100 L100 50 M300 0');
    expect(linePath([10], 300, 100, 100)).toBe('M0 90');
    expect(barHeights([0, 5, 10], 80)).toEqual([0, 40, 80]);
    expect(barHeights([0, 0], 80)).toEqual([0, 0]);
  });

  it('gives every number behind the charts as rows for the CSV and XLSX files', () => {
    const k = (revenue: number): Kpis => ({ revenue, csat_pct: 66.7, clv_top: [] }) as unknown as Kpis;
    const d = {
      period: { from: '2026-11-01', to: '2026-11-30' },
      previous_period: { from: '2026-10-02', to: '2026-10-31' },
      current: k(100), previous: k(80), bucket: 'day',
      trend: [{ start: '2026-11-01', purchases: 2, revenue: 100, interactions: 3, complaints: 1, csat_pct: null }],
      distributions: { csat: [0, 1, 0, 0, 2], nps: Array(11).fill(0), ces: Array(7).fill(0), complaint_categories: [{ key: 'price', count: 1 }], channels: [] },
      staff: [{ staff: 'Hoa, ca sáng', purchases: 2, revenue: 100, interactions: 3, fcr_pct: 50, csat_pct: null, csat_responses: 0, complaints_owned: 1, complaints_resolved: 0, reminders_done: 0, reminders_on_time_pct: null, promises_due: 0, promises_kept_pct: null }],
    } as unknown as Dashboard;
    // One set of rows for both files (the core writes the CSV and the workbook): numbers left
    // as numbers, gaps as null, text as text.
    const rows = dashboardRows(d, (s, key) => `${s}.${key}`);
    expect(rows[0]).toEqual(['csv.section', 'csv.item', 'csv.current', 'csv.previous']);
    expect(rows).toContainEqual(['csv.kpi', 'kpi.revenue', 100, 80]);
    expect(rows).toContainEqual(['csv.kpi', 'kpi.nps', null, null]);
    expect(rows).toContainEqual(['csv.trend', '2026-11-01 trend.revenue', 100, null]);
    expect(rows).toContainEqual(['csv.distribution', 'CSAT 5', 2, null]);
    expect(rows).toContainEqual(['csv.distribution', 'complaintCategory.price', 1, null]);
    expect(rows).toContainEqual(['csv.staff', 'Hoa, ca sáng · staffCol.fcr_pct', 50, null]);
  });
});
