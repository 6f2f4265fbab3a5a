// The Settings page's section menu: which section is current as the page scrolls.

/**
 * The section whose heading has passed `line` (px from the top of the scroll area) last; the
 * first section while none has, the last one once the page is scrolled to its end (a short
 * last section never reaches the line).
 */
export function currentSection(
  tops: Array<{ id: string; top: number }>,
  line: number,
  atEnd = false,
): string {
  if (!tops.length) return '';
  if (atEnd) return tops[tops.length - 1]!.id;
  let current = tops[0]!.id;
  for (const s of tops) if (s.top <= line) current = s.id;
  return current;
}

/** The menu entry Arrow keys, Home and End move to, or null for another key. */
export function menuMove(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowUp':
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
