// What a search answer or a link opens.
export type Target =
  | { kind: 'customer'; id: number }
  | { kind: 'purchase'; id: number }
  | { kind: 'claim'; id: number }
  | { kind: 'complaint'; id: number };
