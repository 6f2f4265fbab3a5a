import { afterEach, describe, expect, it } from 'vitest';
import type { ChainStatus } from './bindings/ChainStatus';
import { syncBadge, syncedText } from './chain';
import { setLocale } from './i18n/index.svelte';

// 29/11/2026 15:00 in Vietnam (08:00 UTC).
const NOW = Date.parse('2026-11-29T08:00:00Z');

const joined = (over: Partial<ChainStatus> = {}): ChainStatus => ({
  joined: true,
  code: 'HN1',
  name: 'Hà Nội 1',
  hub: 'postgres://hub.lan:5432/chuoi',
  synced_at: '2026-11-29T07:32:00Z',
  waiting: 0,
  error: null,
  error_at: null,
  ...over,
});

afterEach(() => setLocale('vi'));

describe('the top bar’s sync status', () => {
  it('shows nothing for a shop in no chain', () => {
    expect(syncBadge(null, NOW)).toBeNull();
    expect(syncBadge({ ...joined(), joined: false, code: null }, NOW)).toBeNull();
  });

  it('says when it last synced, in the shop’s time, and the day when not today', () => {
    setLocale('vi');
    expect(syncBadge(joined(), NOW)).toEqual({
      tone: 'ok',
      text: 'Đã đồng bộ lúc 14:32',
      title: 'postgres://hub.lan:5432/chuoi',
    });
    // 23:50 UTC on the 28th is 06:50 on the 29th in Vietnam: still today.
    expect(syncedText('2026-11-28T23:50:00Z', NOW)).toBe('Đã đồng bộ lúc 06:50');
    expect(syncedText('2026-11-28T16:59:00Z', NOW)).toBe('Đã đồng bộ lúc 23:59 ngày 28/11/2026');
    setLocale('en');
    expect(syncBadge(joined(), NOW)?.text).toBe('Synced at 14:32');
  });

  it('counts the changes waiting before anything else while the hub answers', () => {
    setLocale('vi');
    const b = syncBadge(joined({ waiting: 1234 }), NOW);
    expect(b).toEqual({
      tone: 'waiting',
      text: '1.234 thay đổi đang chờ',
      title: 'Đã đồng bộ lúc 14:32',
    });
    const fresh = syncBadge(joined({ synced_at: null, waiting: 12 }), NOW);
    expect(fresh?.title).toBe('Chưa đồng bộ');
    expect(syncBadge(joined({ synced_at: null }), NOW)?.text).toBe('Chưa đồng bộ');
  });

  it('says offline when the hub cannot be reached, with what is kept waiting', () => {
    setLocale('vi');
    const b = syncBadge(joined({ error: 'hub_unreachable', waiting: 12 }), NOW);
    expect(b?.tone).toBe('offline');
    expect(b?.text).toBe('Ngoại tuyến');
    expect(b?.title).toMatch(/Quầy vẫn làm việc bình thường/);
    expect(b?.title).toMatch(/12 thay đổi đang chờ$/);
    setLocale('en');
    expect(syncBadge(joined({ error: 'hub_unreachable' }), NOW)?.text).toBe('Offline');
  });

  it('names any other failure in the tooltip, translated', () => {
    setLocale('vi');
    const b = syncBadge(joined({ error: 'hub_auth_failed' }), NOW);
    expect(b?.tone).toBe('error');
    expect(b?.text).toBe('Lỗi đồng bộ');
    expect(b?.title).not.toBe('');
    expect(b?.title).not.toMatch(/hub_auth_failed/);
  });
});
