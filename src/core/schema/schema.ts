/**
 * The one schema layer for untrusted shapes (webview messages both ways, view state, side-file
 * lines): each shape is declared once as a validator and its TypeScript type is derived from it
 * (`Infer<typeof shape>`), so a type and its check cannot drift apart. A validator returns null
 * when the value has the shape, else a message naming the failing path.
 *
 * Hand-written rather than a library: about 120 lines, no dependency in the webview bundle, and
 * messages that name the path ("message.record.judgments[2].order: expected one of …"), which is
 * what the Inspector logs. Pure and import-free: the browser loads it too.
 */

export interface Validator<T> {
  (value: unknown, path: string): string | null;
  /** Phantom, invariant in T: never set at run time. */
  readonly _type?: (t: T) => T;
}

/** The type a validator accepts. */
export type Infer<V> = V extends Validator<infer T> ? T : never;

const make = <T>(fn: (value: unknown, path: string) => string | null): Validator<T> => fn;
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

export const str = (maxLength = Number.POSITIVE_INFINITY, minLength = 0): Validator<string> =>
  make((v, p) =>
    typeof v !== 'string' ? `${p}: expected a string, got ${kindOf(v)}` : v.length > maxLength ? `${p}: longer than ${maxLength} characters` : v.length < minLength ? `${p}: shorter than ${minLength} characters` : null,
  );

export const num: Validator<number> = make((v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : `${p}: expected a finite number, got ${kindOf(v)}`));

export const int = (min = 0, max = Number.MAX_SAFE_INTEGER): Validator<number> =>
  make((v, p) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `${p}: expected an integer in [${min}, ${max}], got ${typeof v === 'number' ? v : kindOf(v)}`));

export const bool: Validator<boolean> = make((v, p) => (typeof v === 'boolean' ? null : `${p}: expected a boolean, got ${kindOf(v)}`));

export function lit<const L extends string | number>(...values: L[]): Validator<L> {
  return make((v, p) => ((values as unknown[]).includes(v) ? null : `${p}: expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${typeof v === 'string' || typeof v === 'number' ? JSON.stringify(v) : kindOf(v)}`));
}

/** `inner`, with a failure said as what the value must be ("a field path such as \"answers.0\""). */
export function described<T>(inner: Validator<T>, what: string): Validator<T> {
  return make((v, p) => (inner(v, p) === null ? null : `${p}: must be ${what}, found ${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : kindOf(v)}`));
}

/** Either of two shapes (the first that fits). */
export function either<A, B>(a: Validator<A>, b: Validator<B>): Validator<A | B> {
  return make((v, p) => (a(v, p) === null ? null : b(v, p)));
}

/** A string-keyed table of values of one shape (any keys). */
export function table<T>(value: Validator<T>): Validator<Record<string, T>> {
  return make((v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object, got ${kindOf(v)}`;
    for (const [k, x] of Object.entries(v)) {
      const err = value(x, `${p}[${JSON.stringify(k)}]`);
      if (err) return err;
    }
    return null;
  });
}

/** Levenshtein distance, for "did you mean" on a mistyped field. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** The valid name closest to a mistyped one. */
function closest(key: string, valid: readonly string[]): string {
  return [...valid].sort((x, y) => distance(key, x) - distance(key, y))[0] ?? '';
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return make((v, p) => (v === null ? null : inner(v, p)));
}

export function arr<T>(item: Validator<T>, maxLength = Number.POSITIVE_INFINITY, minLength = 0): Validator<T[]> {
  return make((v, p) => {
    if (!Array.isArray(v)) return `${p}: expected an array, got ${kindOf(v)}`;
    if (v.length > maxLength) return `${p}: more than ${maxLength} items`;
    if (v.length < minLength) return `${p}: fewer than ${minLength} items`;
    for (let i = 0; i < v.length; i++) {
      const err = item(v[i], `${p}[${i}]`);
      if (err) return err;
    }
    return null;
  });
}

/** A field that may be absent (older side files, optional settings); present, it must be valid. */
export interface Optional<T> extends Validator<T | undefined> {
  readonly optional: true;
}

export function optional<T>(inner: Validator<T>): Optional<T> {
  return Object.assign(make<T | undefined>((v, p) => (v === undefined ? null : inner(v, p))), { optional: true as const });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Validator, whatever it accepts (Validator is invariant)
type Fields = Record<string, Validator<any>>;
type Flat<T> = { [K in keyof T]: T[K] };
/** The object type of a shape (optional() fields are optional keys); field docs on the shape carry over to the type. */
export type ShapeOf<S extends Fields> = Flat<
  { [K in keyof S as S[K] extends { readonly optional: true } ? never : K]: Infer<S[K]> } & { [K in keyof S as S[K] extends { readonly optional: true } ? K : never]?: Exclude<Infer<S[K]>, undefined> }
>;

/**
 * A plain object with these fields. Unknown fields are rejected (a typo in a message is a bug),
 * unless `extra: 'allow'`: lines of side files that another version may have written.
 */
export function obj<S extends Fields>(shape: S, options: { extra?: 'reject' | 'allow' } = {}): Validator<ShapeOf<S>> {
  const keys = Object.keys(shape);
  const known = new Set(keys);
  const strict = options.extra !== 'allow';
  return make((v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object, got ${kindOf(v)}`;
    const o = v as Record<string, unknown>;
    if (strict) for (const k of Object.keys(o)) if (!known.has(k)) return `${p}: unexpected field "${k}" (did you mean "${closest(k, keys)}"? valid: ${keys.join(', ')})`;
    for (const k of keys) {
      const err = (shape[k] as Validator<unknown>)(Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined, `${p}.${k}`);
      if (err) return err;
    }
    return null;
  });
}

/** An object with one field per key, each of the same shape. */
export function keyed<K extends string, V>(keys: readonly K[], value: Validator<V>): Validator<Record<K, V>> {
  return obj(Object.fromEntries(keys.map((k) => [k, value]))) as unknown as Validator<Record<K, V>>;
}

/** A union discriminated by its `type` field: `variants` maps each tag to the shape of that message. */
export function tagged<S extends Fields>(variants: S): Validator<Infer<S[keyof S]>> {
  return make((v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object, got ${kindOf(v)}`;
    const tag = (v as { type?: unknown }).type;
    if (typeof tag !== 'string' || !Object.prototype.hasOwnProperty.call(variants, tag)) return `${p}.type: unknown type ${typeof tag === 'string' ? JSON.stringify(tag) : kindOf(tag)}`;
    return (variants[tag] as Validator<unknown>)(v, p);
  });
}

export type Checked<T> = { ok: true; message: T } | { ok: false; error: string };

/** Runs a validator on a value; a validator that throws counts as a failure, never escapes. */
export function check<T>(validator: Validator<T>, value: unknown, path = 'message'): Checked<T> {
  let error: string | null;
  try {
    error = validator(value, path);
  } catch (e) {
    error = `validator failed: ${String(e)}`;
  }
  return error === null ? { ok: true, message: value as T } : { ok: false, error };
}
