// Issue 15: two stores moved one claim while apart. The core folds the claim's events to one
// state and names the branch; this turns it into the notice staff read on the board and the
// claim.
import type { ClaimConflict } from './bindings/ClaimConflict';
import type { ClaimMove } from './bindings/ClaimMove';
import type { ClaimStatus } from './bindings/ClaimStatus';
import { dmy } from './aftersales';
import { t, tCode } from './i18n/index.svelte';

/** "Cửa hàng Q1 (Lan): Kiểm tra → Đang sửa, 23/11/2026". */
export function describeMove(m: ClaimMove): string {
  const who = m.store ? t('claimConflict.who', { store: m.store, staff: m.staff }) : m.staff;
  return t('claimConflict.move', {
    who,
    from: m.from_status ? tCode('claimStatus', m.from_status) : '—',
    to: tCode('claimStatus', m.to_status),
    date: dmy(m.happened_on),
  });
}

/** The notice: both moves, the state the claim kept, and what became of the later move. */
export function conflictNotice(c: ClaimConflict, kept: ClaimStatus): string {
  const outcome = c.second_applied ? 'claimConflict.bothApplied' : 'claimConflict.setAside';
  return [
    t('claimConflict.title', { first: describeMove(c.first), second: describeMove(c.second) }),
    t('claimConflict.kept', { status: tCode('claimStatus', kept) }),
    t(outcome),
  ].join(' ');
}
