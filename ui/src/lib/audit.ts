// The audit log's detail column, readable: `{"before":{…},"after":{…}}` becomes one line per
// changed field, `field: before → after`; anything else is shown as compact key: value pairs.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function show(v: Json | undefined): string {
  if (v === undefined || v === null || v === '') return '∅';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function auditDetail(detail: string): string {
  let d: Json;
  try {
    d = JSON.parse(detail) as Json;
  } catch {
    return detail;
  }
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return show(d);
  const lines: string[] = [];
  const before = d.before,
    after = d.after;
  if (
    before &&
    after &&
    typeof before === 'object' &&
    typeof after === 'object' &&
    !Array.isArray(before) &&
    !Array.isArray(after)
  ) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[k]) !== JSON.stringify(after[k]))
        lines.push(`${k}: ${show(before[k])} → ${show(after[k])}`);
    }
  }
  for (const [k, v] of Object.entries(d)) {
    if (lines.length && (k === 'before' || k === 'after')) continue;
    lines.push(`${k}: ${show(v)}`);
  }
  return lines.join('\n');
}
