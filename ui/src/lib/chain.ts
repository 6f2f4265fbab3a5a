// What the top bar and Settings say of the store's syncing with its chain: nothing before it
// joins; otherwise offline, a failure, changes waiting, or when it last synced.
import type { ChainStatus } from './bindings/ChainStatus';
import { shopDate, shopTime, todayIso } from './dates';
import { formatCount, t, tCode } from './i18n/index.svelte';

export type SyncTone = 'ok' | 'waiting' | 'offline' | 'error';

/** The top bar's short text, its tone, and the longer explanation for its tooltip. */
export type SyncBadge = { tone: SyncTone; text: string; title: string };

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** "Synced at 14:32", with the shop date when it was not today. */
export function syncedText(at: string, now: number = Date.now()): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return t('chain.never');
  const sameDay = new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10) === todayIso(now);
  const time = shopTime(at);
  return sameDay
    ? t('chain.syncedAt', { time })
    : t('chain.syncedOn', { time, date: shopDate(at) });
}

/** The badge for `s`, or null when the store is in no chain (the top bar shows nothing). */
export function syncBadge(s: ChainStatus | null, now: number = Date.now()): SyncBadge | null {
  if (!s?.joined) return null;
  const waiting = s.waiting > 0 ? t('chain.waiting', { n: formatCount(s.waiting) }) : '';
  // The hub away is the everyday case of a shop without network: said plainly, not as an error.
  if (s.error === 'hub_unreachable') {
    const title = [t('chain.offlineHelp'), waiting].filter(Boolean).join(' · ');
    return { tone: 'offline', text: t('chain.offline'), title };
  }
  if (s.error) {
    const title = [tCode('error', s.error, { n: '' }), waiting].filter(Boolean).join(' · ');
    return { tone: 'error', text: t('chain.failed'), title };
  }
  const last = s.synced_at ? syncedText(s.synced_at, now) : t('chain.notYet');
  if (waiting) return { tone: 'waiting', text: waiting, title: last };
  return { tone: s.synced_at ? 'ok' : 'waiting', text: last, title: s.hub };
}
