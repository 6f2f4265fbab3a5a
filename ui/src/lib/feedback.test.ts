import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend } from './backend';
import { compare, duration, dashboardRows, linePath, presetPeriod } from './dashboard';
import { hoursMinutes, linkFrom, linkKey, scale } from './feedback';
import type { ComplaintView } from './bindings/ComplaintView';
import type { Dashboard } from './bindings/Dashboard';
import type { Kpis } from './bindings/Kpis';
import { setLocale } from './i18n/index.svelte';
import ComplaintBoard from './components/ComplaintBoard.svelte';
import ComplaintDetail from './components/ComplaintDetail.svelte';
import TimeLeft from './components/TimeLeft.svelte';

vi.mock('$lib/backend', async () => {
  const actual = await vi.importActual<typeof import('./backend')>('./backend');
  return {
    BackendError: actual.BackendError,
    backend: { getComplaint: vi.fn(), transitionComplaint: vi.fn(), complaints: vi.fn() },
  };
});
const mocked = vi.mocked(backend);

beforeEach(() => {
  vi.clearAllMocks();
  setLocale('vi');
});

/** A case as the core sends it; the moves and the target state are the core's answers. */
const sent = (over: Partial<ComplaintView> = {}): ComplaintView => ({
  id: 3,
  code: 'KN000003',
  customer_id: 5,
  customer_name: 'Nguyễn Thị Lan',
  category: 'product',
  severity: 'high',
  owner: 'Hoa',
  status: 'open',
  channel: 'phone',
  summary: 'Máy nóng',
  purchase_id: null,
  claim_id: null,
  opened_at: '2026-11-23T03:00:00Z',
  respond_by: '2026-11-23T05:00:00Z',
  resolve_by: '2026-11-24T14:00:00Z',
  first_response_at: null,
  resolved_at: null,
  closed_at: null,
  response_minutes: null,
  resolution_minutes: null,
  resolution: '',
  response_breached: false,
  resolution_breached: false,
  minutes_left: 120,
  target_state: 'ok',
  allowed_moves: [],
  events: [],
  goodwill: [],
  goodwill_total: 0,
  ...over,
});
const moveButtons = (): (string | null)[] =>
  Array.from(document.querySelectorAll('[data-complaint-move]')).map((b) =>
    b.getAttribute('data-complaint-move'),
  );

describe('scores and complaints', () => {
  it('gives each metric its scale', () => {
    expect(scale('csat')).toEqual([1, 2, 3, 4, 5]);
    expect(scale('nps')).toHaveLength(11);
    expect(scale('nps')[0]).toBe(0);
    expect(scale('ces')).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('offers exactly the moves the core sends, in its order, and sends the one chosen', async () => {
    // Moves no rule of the UI would give an open case: the buttons follow the core alone.
    mocked.getComplaint.mockResolvedValue(sent({ allowed_moves: ['closed', 'waiting_customer'] }));
    mocked.transitionComplaint.mockResolvedValue(sent({ status: 'closed', allowed_moves: [] }));
    render(ComplaintDetail, { id: 3, onOpen: vi.fn(), onChanged: vi.fn() });
    expect(await screen.findByRole('heading', { name: 'Chuyển trạng thái' })).toBeInTheDocument();
    expect(moveButtons()).toEqual(['closed', 'waiting_customer']);
    await userEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    await waitFor(() =>
      expect(mocked.transitionComplaint).toHaveBeenCalledWith(3, { to: 'closed', note: '' }),
    );
    // The answer allows nothing more: no move is offered.
    await waitFor(() => expect(moveButtons()).toEqual([]));
    expect(screen.queryByRole('heading', { name: 'Chuyển trạng thái' })).toBeNull();
  });

  it('shows how near its target a case is as the core says, whatever the minutes', () => {
    // 500 minutes left would be far from due by any local rule: the core says soon.
    const { unmount } = render(TimeLeft, {
      complaint: sent({
        first_response_at: '2026-11-23T03:30:00Z',
        minutes_left: 500,
        target_state: 'soon',
      }),
    });
    expect(screen.getByTestId('sla')).toHaveClass('warn');
    expect(screen.getByTestId('sla')).toHaveTextContent('Giải quyết: còn 8 giờ 20 phút');
    unmount();
    const { unmount: u2 } = render(TimeLeft, {
      complaint: sent({ minutes_left: 5, target_state: 'ok' }),
    });
    expect(screen.getByTestId('sla')).not.toHaveClass('warn');
    u2();
    // Resolved: met or missed is the core's word, not worked out from the flags here.
    const resolved = {
      resolved_at: '2026-11-23T06:00:00Z',
      minutes_left: null,
      response_breached: true,
    };
    const { unmount: u3 } = render(TimeLeft, {
      complaint: sent({ ...resolved, target_state: 'breached' }),
    });
    expect(screen.getByTestId('sla')).toHaveTextContent('Trễ hạn');
    u3();
    render(TimeLeft, { complaint: sent({ ...resolved, target_state: 'done' }) });
    expect(screen.getByTestId('sla')).toHaveTextContent('Đúng hạn');
  });

  it('colours each case on the board by the state the core sent', async () => {
    mocked.complaints.mockResolvedValue([
      sent({ id: 1, code: 'KN000001', target_state: 'breached', minutes_left: 300 }),
      sent({ id: 2, code: 'KN000002', target_state: 'ok', minutes_left: -10 }),
    ]);
    render(ComplaintBoard, { onOpen: vi.fn() });
    const first = (await screen.findByText('KN000001')).closest('li');
    expect(first).toHaveClass('case', 'breached');
    expect(screen.getByText('KN000002').closest('li')).toHaveClass('case', 'ok');
  });

  it('reads opening-hours minutes as hours and minutes, the sign dropped', () => {
    expect(hoursMinutes(-150)).toEqual({ h: 2, m: 30 });
    expect(hoursMinutes(59.6)).toEqual({ h: 1, m: 0 });
  });

  it('round-trips what a touchpoint is about through the select', () => {
    expect(linkFrom(linkKey({ purchase_id: 12, claim_id: null }))).toEqual({
      purchase_id: 12,
      claim_id: null,
    });
    expect(linkFrom('k3')).toEqual({ purchase_id: null, claim_id: 3 });
    expect(linkFrom('')).toEqual({ purchase_id: null, claim_id: null });
    expect(linkFrom('p0')).toEqual({ purchase_id: null, claim_id: null });
    expect(linkKey({ purchase_id: null, claim_id: null })).toBe('');
  });
});

describe('dashboard arithmetic', () => {
  it('turns presets into periods around the shop day', () => {
    expect(presetPeriod('thisMonth', '2026-11-23')).toEqual({
      from: '01/11/2026',
      to: '30/11/2026',
    });
    expect(presetPeriod('lastMonth', '2026-01-15')).toEqual({
      from: '01/12/2025',
      to: '31/12/2025',
    });
    expect(presetPeriod('last7', '2026-03-02')).toEqual({ from: '24/02/2026', to: '02/03/2026' });
    expect(presetPeriod('thisYear', '2028-02-29')).toEqual({
      from: '01/01/2028',
      to: '31/12/2028',
    });
  });

  it('calls a change good or bad by what the figure measures', () => {
    expect(compare(60, 50)).toEqual({ change: 10, trend: 'better' });
    expect(compare(60, 50, true)).toEqual({ change: 10, trend: 'worse' });
    expect(compare(40, 50, true).trend).toBe('better');
    expect(compare(null, 50).trend).toBe('none');
    expect(compare(5, 5).trend).toBe('same');
  });

  it('draws lines broken at missing points and shows long times in hours', () => {
    expect(linePath([0, 50, null, 100], 300, 100)).toBe('M0 100 L100 50 M300 0');
    expect(linePath([10], 300, 100, 100)).toBe('M0 90');
    expect(duration(45)).toEqual({ key: 'kpi.minutes', n: 45 });
    expect(duration(119.6)).toEqual({ key: 'kpi.minutes', n: 120 });
    expect(duration(120)).toEqual({ key: 'kpi.hours', n: 2 });
    expect(duration(1740)).toEqual({ key: 'kpi.hours', n: 29 });
    expect(duration(200)).toEqual({ key: 'kpi.hours', n: 3.3 });
  });

  it('gives every number behind the charts as rows for the CSV and XLSX files', () => {
    const k = (revenue: number): Kpis =>
      ({ revenue, csat_pct: 66.7, clv_top: [] }) as unknown as Kpis;
    const d = {
      period: { from: '2026-11-01', to: '2026-11-30' },
      previous_period: { from: '2026-10-02', to: '2026-10-31' },
      current: k(100),
      previous: k(80),
      bucket: 'day',
      trend: [
        {
          start: '2026-11-01',
          purchases: 2,
          revenue: 100,
          interactions: 3,
          complaints: 1,
          csat_pct: null,
        },
      ],
      distributions: {
        csat: [0, 1, 0, 0, 2],
        nps: Array(11).fill(0),
        ces: Array(7).fill(0),
        complaint_categories: [{ key: 'price', count: 1 }],
        channels: [],
      },
      staff: [
        {
          staff: 'Hoa, ca sáng',
          purchases: 2,
          revenue: 100,
          interactions: 3,
          fcr_pct: 50,
          csat_pct: null,
          csat_responses: 0,
          complaints_owned: 1,
          complaints_resolved: 0,
          reminders_done: 0,
          reminders_on_time_pct: null,
          promises_due: 0,
          promises_kept_pct: null,
        },
      ],
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
