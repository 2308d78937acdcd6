/**
 * How a domain rule's refusal is worded in any language: the rule it breaks and its figures. The domain keeps its own
 * Vietnamese message (stored, audited, asserted by the tests); the interface words the rule with the catalogue's
 * `dataErrors` namespace (messages/*.json), whose Vietnamese says exactly what the domain does
 * (tests/unit/message-catalogues.test.ts). Validation issues are worded so too (validation-wording.ts).
 */
export interface Wording<R extends string = string> {
  rule: R;
  values: Record<string, number | string>;
}

/** The messages of a zod schema by rule: each rule's Vietnamese message (used by the schema) and its figures. */
export type SchemaRules<R extends string = string> = Record<
  R,
  { vi: string; values?: Record<string, number | string> }
>;

/** The rule a zod issue's (Vietnamese) message stands for, with its figures; undefined for a message of no rule. */
export function schemaWording<R extends string>(rules: SchemaRules<R>, message: string): Wording<R> | undefined {
  for (const rule of Object.keys(rules) as R[]) {
    if (rules[rule].vi === message) return { rule, values: rules[rule].values ?? {} };
  }
  return undefined;
}
