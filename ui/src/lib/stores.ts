// Who does what in a chain (issue 15): the store pickers of the staff page and the card. The
// core decides; these only shape what the pickers show and send.
import type { StaffStores } from './bindings/StaffStores';

/** The stores a member works at, as the core lists them (none yet: an empty list). */
export function storesOf(all: StaffStores, staffId: number): string[] {
  return all.members.find((m) => m.staff_id === staffId)?.stores ?? [];
}

/** The member's stores with `code` ticked or not, sorted and once each, as the core keeps them. */
export function toggleStore(stores: string[], code: string, on: boolean): string[] {
  const rest = stores.filter((s) => s !== code);
  return (on ? [...rest, code] : rest).sort();
}

/** The stores a picker offers: every store the chain knows, this one first. */
export function storeChoices(stores: string[], here: string | null): string[] {
  const others = stores.filter((s) => s !== here).sort();
  return here ? [here, ...others] : others;
}
