// Who is signed in at this counter, shared by the whole UI. The backend is the authority (every
// command checks the account); this copy decides what to show and when to lock.
import { backend } from './backend';
import type { Actor } from './bindings/Actor';
import type { Permission } from './bindings/Permission';
import type { SessionState } from './bindings/SessionState';

export const session = $state<{ state: SessionState | null; actor: Actor | null }>({
  state: null,
  actor: null,
});

export async function refreshSession(): Promise<void> {
  const s = await backend.sessionState();
  session.state = s;
  session.actor = s.actor;
}

export function signedIn(actor: Actor): void {
  session.actor = actor;
}

export async function lock(): Promise<void> {
  session.actor = null;
  await backend.signOut().catch(() => {});
  await refreshSession().catch(() => {});
}

export function can(p: Permission): boolean {
  const a = session.actor;
  return a !== null && (a.role === 'owner' || a.permissions.includes(p));
}

/** True once `idleMinutes` passed since the last input: the counter locks itself. */
export function idleExpired(lastInput: number, now: number, idleMinutes: number): boolean {
  return now - lastInput >= idleMinutes * 60_000;
}
