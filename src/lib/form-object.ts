import type { z } from 'astro/zod';

type Field = z.core.$ZodType;

/** Wrappers Astro looks through to find the kind of value a form field holds. */
const WRAPPERS = new Set(['optional', 'nullable', 'default']);
/** Field kinds Astro reads as nested or repeated fields; a schema with one is left to Astro itself. */
const NOT_FLAT = new Set(['object', 'array', 'union']);

/** Astro counts a field as sent when its own name or a nested `name.` key is in the form. */
function sent(keys: readonly string[], key: string): boolean {
  return keys.some((k) => k === key || k.startsWith(`${key}.`));
}

/**
 * The object Astro's actions hand to an `accept: 'form'` action's schema, read from a form the way
 * Astro 7 reads it (formDataToObject): a defaulted field missing from the form takes its default,
 * a boolean is true when sent unless it says "false", an empty field is undefined when optional
 * and null otherwise, a number field is converted with Number. Only flat schemas are read here
 * (undefined for nested objects, arrays and unions), so a caller can leave those to Astro.
 */
export function formObject(form: FormData, schema: z.ZodObject): Record<string, unknown> | undefined {
  if (schema._zod.def.catchall) return undefined;
  const keys = [...form.keys()];
  const out: Record<string, unknown> = {};
  for (const [key, base] of Object.entries<Field>(schema._zod.def.shape)) {
    let def = base._zod.def;
    while (WRAPPERS.has(def.type)) {
      const wrapped = def as z.core.$ZodDefaultDef;
      if (def.type === 'default' && !sent(keys, key)) {
        const fallback: unknown = wrapped.defaultValue;
        out[key] = typeof fallback === 'function' ? (fallback as () => unknown)() : fallback;
      }
      def = wrapped.innerType._zod.def;
    }
    while (def.type === 'pipe') def = (def as z.core.$ZodPipeDef).in._zod.def;
    if (NOT_FLAT.has(def.type)) return undefined;
    if (!form.has(key) && key in out) continue;
    const value = form.get(key);
    if (def.type === 'boolean') out[key] = value !== 'false' && form.has(key);
    else if (!value) out[key] = base._zod.def.type === 'optional' ? undefined : null;
    else out[key] = def.type === 'number' ? Number(value) : value;
  }
  return out;
}
