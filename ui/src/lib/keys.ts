// Global keyboard shortcuts of the counter screen.
export type Shortcut = 'search' | 'new' | 'back';

export function shortcutFor(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): Shortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'F2' || (mod && e.key.toLowerCase() === 'k')) return 'search';
  if (mod && !e.altKey && e.key.toLowerCase() === 'n') return 'new';
  if (e.key === 'Escape') return 'back';
  return null;
}
