// Keyboard movement in the results listbox: -1 means no option is active.
export function moveActive(current: number, key: string, count: number): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current < count - 1 ? current + 1 : 0;
    case 'ArrowUp':
      return current > 0 ? current - 1 : count - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return current;
  }
}
