// Return policies as edited in settings: a new one (empty or copied from a preset), the next
// rule's days, and which field errors belong to which rule.
import type { PolicyTerms } from './bindings/PolicyTerms';
import type { Rule } from './bindings/Rule';

export function blankPolicy(): PolicyTerms {
  return { name: '', text: '', rules: [] };
}

/** A preset's text and rules to start from; the name is left to type (names are unique). */
export function policyFrom(preset: PolicyTerms): PolicyTerms {
  return { name: '', text: preset.text, rules: preset.rules.map((r) => ({ ...r })) };
}

/**
 * The rule added after `rules`: a faulty item exchanged, starting the day after the last
 * bounded rule ends, so adding rules one after another never makes overlapping ranges.
 */
export function newRule(rules: Rule[]): Rule {
  const ends = rules.map((r) => r.to_day).filter((d): d is number => d !== null);
  const from = ends.length ? Math.max(...ends) + 1 : 0;
  return {
    from_day: from,
    to_day: from + 7,
    condition: 'faulty',
    intact_only: false,
    full_price_only: false,
    remedy: 'exchange',
    refund_percent: 0,
  };
}

/** The messages of rule `i` (fields `rules.i.*`), in field order. */
export function ruleErrors(errors: Record<string, string>, i: number): string[] {
  const prefix = `rules.${i}.`;
  return Object.keys(errors)
    .filter((k) => k.startsWith(prefix))
    .sort()
    .map((k) => errors[k]!);
}
