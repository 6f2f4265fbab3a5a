// Display of stored UTC instants as the shop's calendar date (Vietnam, UTC+7, no DST).
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

export function shopDate(isoUtc: string): string {
  const ms = Date.parse(isoUtc);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** Today in the shop's calendar, `yyyy-MM-dd`. */
export function todayIso(now: number = Date.now()): string {
  return new Date(now + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The shop's clock time of a stored UTC instant, `HH:mm`. */
export function shopTime(isoUtc: string): string {
  const ms = Date.parse(isoUtc);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(11, 16);
}
