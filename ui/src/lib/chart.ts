// Chart scales: a value axis that ends on a round number with ticks of 1, 2 or 5 × 10^n, short
// tick labels in the reader's number format (1,5 tr / 1.5M), and which category labels fit.

export type NumberLocale = 'vi' | 'en';

export interface Scale {
  /** The top of the value axis (the bottom is 0). */
  top: number;
  step: number;
  /** From 0 up to `top`, `step` apart. */
  ticks: number[];
}

/** The smallest of 1, 2, 5 × 10^n that is at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  // Float noise (0.30000000000000004 / 0.1) must not push a whole multiple to the next step.
  const fraction = Math.round((raw / power) * 1e9) / 1e9;
  const nice = [1, 2, 5, 10].find((m) => fraction <= m) ?? 10;
  return nice * power;
}

/**
 * A value axis from 0 that holds `max` in at most `intervals` steps. Counts never get a step
 * below 1 (half a complaint is no tick); `fixedTop` (a percentage's 100) is kept as the top.
 */
export function niceScale(
  max: number,
  opts: { intervals?: number; integer?: boolean; fixedTop?: number } = {},
): Scale {
  const intervals = opts.intervals ?? 4;
  const top0 = opts.fixedTop ?? (Number.isFinite(max) && max > 0 ? max : 0);
  let step = niceStep(top0 / intervals);
  if (opts.integer) step = Math.max(1, step);
  if (top0 === 0) step = 1;
  const n = Math.max(1, Math.ceil(top0 / step - 1e-9));
  const ticks = Array.from({ length: n + 1 }, (_, i) => round(i * step));
  return { top: ticks[ticks.length - 1]!, step, ticks };
}

const round = (v: number) => Math.round(v * 1e9) / 1e9;

/** `y` of a value on an axis `height` tall whose top is `top` (SVG: 0 is the top edge). */
export function yOf(value: number, top: number, height: number): number {
  if (top <= 0) return height;
  const clamped = Math.min(Math.max(value, 0), top);
  return Math.round((height - (clamped / top) * height) * 10) / 10;
}

/** 1234567.5 → `1.234.567,5` (vi) or `1,234,567.5` (en); at most `decimals` decimals. */
export function formatNumber(value: number, locale: NumberLocale, decimals = 1): string {
  const [group, point] = locale === 'vi' ? ['.', ','] : [',', '.'];
  const sign = value < 0 ? '-' : '';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', frac = ''] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const trimmed = frac.replace(/0+$/, '');
  return `${sign}${grouped}${trimmed ? point + trimmed : ''}`;
}

const SHORT: Record<NumberLocale, Array<[number, string]>> = {
  // Shops say "1 tỷ 2", "15 triệu", "500 nghìn": the written short forms follow.
  vi: [
    [1e9, ' tỷ'],
    [1e6, ' tr'],
    [1e3, ' N'],
  ],
  en: [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ],
};

/** A tick or bar label short enough for a small chart: 1.500.000 → `1,5 tr` / `1.5M`. */
export function shortNumber(value: number, locale: NumberLocale): string {
  const abs = Math.abs(value);
  for (const [size, suffix] of SHORT[locale]) {
    if (abs >= size) return formatNumber(value / size, locale, 1) + suffix;
  }
  return formatNumber(value, locale, 1);
}

/**
 * Which of `count` category labels to print when at most `room` fit: evenly spread, always the
 * first and the last.
 */
export function labelIndexes(count: number, room: number): number[] {
  if (count <= 0) return [];
  if (count <= room) return Array.from({ length: count }, (_, i) => i);
  if (room <= 1) return [0];
  const every = Math.ceil((count - 1) / (room - 1));
  const out: number[] = [];
  for (let i = 0; i < count - 1; i += every) out.push(i);
  // The last label would crowd the one before it: drop that one rather than the last.
  if (count - 1 - out[out.length - 1]! < every / 2 && out.length > 1) out.pop();
  out.push(count - 1);
  return out;
}

/** A category label cut to `room` characters (with an ellipsis) so neighbours never overlap. */
export function fitLabel(label: string, room: number): string {
  const chars = [...label];
  if (chars.length <= room) return label;
  return room <= 1 ? '…' : `${chars.slice(0, room - 1).join('')}…`;
}
