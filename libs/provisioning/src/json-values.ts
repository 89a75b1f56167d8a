/** Chain values as JSON: big integers become decimal strings, ethers Results plain arrays. */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return Array.from(value, toJsonValue);
  if (value && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function' && !(value instanceof Date)) {
      return toJsonValue((value as { toJSON: () => unknown }).toJSON());
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return value;
}
