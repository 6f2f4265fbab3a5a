// The dashboard's arithmetic: period presets, comparison with the previous period, chart
// geometry (plain SVG) and the CSV of the numbers behind every chart.
import type { Dashboard } from './bindings/Dashboard';
import type { Kpis } from './bindings/Kpis';

const pad = (n: number) => String(n).padStart(2, '0');
const dmyOf = (d: Date) =>
  `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;

export type Preset = 'last7' | 'last30' | 'thisMonth' | 'lastMonth' | 'last90' | 'thisYear';
export const PRESETS: Preset[] = [
  'last7',
  'last30',
  'thisMonth',
  'lastMonth',
  'last90',
  'thisYear',
];

/** The period a preset names, as the `dd/MM/yyyy` pair the period picker holds. */
export function presetPeriod(preset: Preset, todayIso: string): { from: string; to: string } {
  const today = new Date(`${todayIso}T00:00:00Z`);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const daysBack = (n: number) => new Date(today.getTime() - n * 86_400_000);
  switch (preset) {
    case 'last7':
      return { from: dmyOf(daysBack(6)), to: dmyOf(today) };
    case 'last30':
      return { from: dmyOf(daysBack(29)), to: dmyOf(today) };
    case 'thisMonth':
      return {
        from: dmyOf(new Date(Date.UTC(y, m, 1))),
        to: dmyOf(new Date(Date.UTC(y, m + 1, 0))),
      };
    case 'lastMonth':
      return {
        from: dmyOf(new Date(Date.UTC(y, m - 1, 1))),
        to: dmyOf(new Date(Date.UTC(y, m, 0))),
      };
    case 'last90':
      return { from: dmyOf(daysBack(89)), to: dmyOf(today) };
    case 'thisYear':
      return { from: dmyOf(new Date(Date.UTC(y, 0, 1))), to: dmyOf(new Date(Date.UTC(y, 11, 31))) };
  }
}

export type Format = 'count' | 'pct' | 'vnd' | 'minutes' | 'days' | 'score' | 'nps';

export interface Tile {
  key: keyof Kpis;
  format: Format;
  /** Fewer is better (at-risk customers, minutes to answer). */
  lowerIsBetter?: boolean;
}

export const TILES: Tile[] = [
  { key: 'revenue', format: 'vnd' },
  { key: 'active_customers', format: 'count' },
  { key: 'new_customers', format: 'count' },
  { key: 'retention_rate', format: 'pct' },
  { key: 'repeat_purchase_rate', format: 'pct' },
  { key: 'at_risk_customers', format: 'count', lowerIsBetter: true },
  { key: 'nps', format: 'nps' },
  { key: 'csat_pct', format: 'pct' },
  { key: 'ces_avg', format: 'score' },
  { key: 'fcr_pct', format: 'pct' },
  { key: 'median_response_minutes', format: 'minutes', lowerIsBetter: true },
  { key: 'median_resolution_minutes', format: 'minutes', lowerIsBetter: true },
  { key: 'sla_met_pct', format: 'pct' },
  { key: 'clv_avg', format: 'vnd' },
  { key: 'claim_rate', format: 'pct', lowerIsBetter: true },
  { key: 'claim_turnaround_days', format: 'days', lowerIsBetter: true },
  { key: 'reminders_on_time_pct', format: 'pct' },
  { key: 'promises_kept_pct', format: 'pct' },
  // Loan units and what claims earned and cost (issue 18, part 8).
  { key: 'loans_out', format: 'count', lowerIsBetter: true },
  { key: 'claim_fees', format: 'vnd' },
  { key: 'claim_costs', format: 'vnd', lowerIsBetter: true },
];

export type Trend = 'better' | 'worse' | 'same' | 'none';

/** How a figure moved against the previous period, and whether that is good news. */
export function compare(
  current: number | null,
  previous: number | null,
  lowerIsBetter = false,
): { change: number | null; trend: Trend } {
  if (current === null || previous === null) return { change: null, trend: 'none' };
  const change = Math.round((current - previous) * 10) / 10;
  if (change === 0) return { change, trend: 'same' };
  return { change, trend: change > 0 !== lowerIsBetter ? 'better' : 'worse' };
}

export function tileValue(k: Kpis, key: keyof Kpis): number | null {
  const v = k[key];
  return typeof v === 'number' ? v : null;
}

/** An SVG polyline path through the points, broken where a value is missing. */
export function linePath(
  values: Array<number | null>,
  width: number,
  height: number,
  max?: number,
): string {
  const top = max ?? Math.max(1, ...values.filter((v): v is number => v !== null));
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = Math.round(i * step * 10) / 10;
    const y = Math.round((height - (v / top) * height) * 10) / 10;
    path += `${pen ? 'L' : 'M'}${x} ${y} `;
    pen = true;
  });
  return path.trim();
}

/** A median time in minutes as the tile shows it: minutes up to two hours, then hours with one
 * decimal (1,740 minutes read as "29 giờ", not as a number of minutes to convert in one's head). */
export function duration(minutes: number): { key: 'kpi.minutes' | 'kpi.hours'; n: number } {
  if (minutes < 120) return { key: 'kpi.minutes', n: Math.round(minutes) };
  return { key: 'kpi.hours', n: Math.round(minutes / 6) / 10 };
}

/** Every number behind the dashboard as rows: section, item, current, previous. */
export function dashboardRows(
  d: Dashboard,
  label: (section: string, key: string) => string,
): Array<Array<string | number | null>> {
  const rows: Array<Array<string | number | null>> = [
    [
      label('csv', 'section'),
      label('csv', 'item'),
      label('csv', 'current'),
      label('csv', 'previous'),
    ],
  ];
  for (const t of TILES)
    rows.push([
      label('csv', 'kpi'),
      label('kpi', t.key),
      tileValue(d.current, t.key),
      tileValue(d.previous, t.key),
    ]);
  for (const p of d.trend) {
    rows.push([
      label('csv', 'trend'),
      `${p.start} ${label('trend', 'purchases')}`,
      p.purchases,
      null,
    ]);
    rows.push([label('csv', 'trend'), `${p.start} ${label('trend', 'revenue')}`, p.revenue, null]);
    rows.push([
      label('csv', 'trend'),
      `${p.start} ${label('trend', 'interactions')}`,
      p.interactions,
      null,
    ]);
    rows.push([
      label('csv', 'trend'),
      `${p.start} ${label('trend', 'complaints')}`,
      p.complaints,
      null,
    ]);
    rows.push([label('csv', 'trend'), `${p.start} CSAT %`, p.csat_pct, null]);
  }
  d.distributions.csat.forEach((n, i) =>
    rows.push([label('csv', 'distribution'), `CSAT ${i + 1}`, n, null]),
  );
  d.distributions.nps.forEach((n, i) =>
    rows.push([label('csv', 'distribution'), `NPS ${i}`, n, null]),
  );
  d.distributions.ces.forEach((n, i) =>
    rows.push([label('csv', 'distribution'), `CES ${i + 1}`, n, null]),
  );
  for (const c of d.distributions.complaint_categories)
    rows.push([label('csv', 'distribution'), label('complaintCategory', c.key), c.count, null]);
  for (const c of d.distributions.channels)
    rows.push([label('csv', 'distribution'), label('contactChannel', c.key), c.count, null]);
  for (const s of d.staff) {
    for (const [k, v] of [
      ['purchases', s.purchases],
      ['revenue', s.revenue],
      ['interactions', s.interactions],
      ['fcr_pct', s.fcr_pct],
      ['csat_pct', s.csat_pct],
      ['complaints_owned', s.complaints_owned],
      ['complaints_resolved', s.complaints_resolved],
      ['reminders_on_time_pct', s.reminders_on_time_pct],
      ['promises_kept_pct', s.promises_kept_pct],
    ] as const)
      rows.push([label('csv', 'staff'), `${s.staff} · ${label('staffCol', k)}`, v, null]);
  }
  return rows;
}
