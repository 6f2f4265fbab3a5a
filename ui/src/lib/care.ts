// Today-queue and care-settings rules the views share: grouping, lateness, offsets as typed,
// and the placeholders a template may use.
import type { ReminderView } from './bindings/ReminderView';
import type { RuleKind } from './bindings/RuleKind';

/** The order the queue shows its groups: what is already late first. */
export const KIND_ORDER: RuleKind[] = [
  'complaint_due',
  'claim_overdue',
  'low_score',
  'promise_due',
  'repair_uncollected',
  'thank_you',
  'check_in',
  'birthday',
  'anniversary',
  'warranty_expiring',
  'repurchase',
  'win_back',
  // Issue 17, loyreport.
  'tier_reached',
  'manual',
  'campaign',
  // Issue 17.
  'debt_due',
];

export function groupByKind(
  items: ReminderView[],
): Array<{ kind: RuleKind; items: ReminderView[] }> {
  return KIND_ORDER.map((kind) => ({ kind, items: items.filter((r) => r.kind === kind) })).filter(
    (g) => g.items.length > 0,
  );
}

/** Whole days from `due` to `today` (both `yyyy-MM-dd`); 0 when due today, negative ahead. */
export function daysLate(due: string, today: string): number {
  return Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000,
  );
}

/** "30, 7" → [30, 7]; null when any part is not a whole number of days. */
export function parseOffsets(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^-?\d{1,5}$/.test(p))) return null;
  return parts.map(Number);
}

/** "Điện thoại=14; Mỹ phẩm=30" → days per category; null when a part is unreadable. */
export function parseCategoryDays(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, days, extra] = part.split('=').map((s) => s.trim());
    if (!name || !days || extra !== undefined || !/^\d{1,5}$/.test(days)) return null;
    out[name] = Number(days);
  }
  return out;
}

export function categoryDaysText(byCategory: Partial<Record<string, number>>): string {
  return Object.entries(byCategory)
    .map(([c, d]) => `${c}=${d}`)
    .join('; ');
}

/** Placeholder names used in `body` that are not in `known` (case-insensitive, as the core). */
export function unknownPlaceholders(body: string, known: string[]): string[] {
  const names = [...body.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  return [...new Set(names.filter((n) => !known.includes(n.toLowerCase())))];
}

/** The queue index after a key press (↑ ↓ Home End), staying in the list. */
export function moveSelection(index: number, key: string, length: number): number {
  if (length === 0) return -1;
  if (key === 'ArrowDown') return Math.min(index + 1, length - 1);
  if (key === 'ArrowUp') return Math.max(index - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return length - 1;
  return index;
}

/** Copies text, falling back to a hidden textarea where the clipboard API is refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
