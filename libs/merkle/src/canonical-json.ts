// RFC 8785 JSON Canonicalization Scheme (JCS), so that anyone can recompute a metadata digest in
// any language from the JSON alone. `canonicalize` is the reference JavaScript implementation
// (by one of the RFC's authors) and libs/db already uses it for the audit log, so there is one
// JCS in the codebase. It follows JSON.stringify for values JSON has no type for (toJSON is
// called, undefined members are dropped), which makes a digest of a value equal to the digest of
// that value after a JSON round trip through the database.
import canonicalize from 'canonicalize';

/**
 * The JCS form of `value`. Throws for what has no exact JSON form (NaN, Infinity, bigint, lone
 * surrogates, cycles) and for a top-level value that JSON.stringify would drop (undefined, a
 * function).
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError(`a ${typeof value} has no JSON representation`);
  return text;
}
