/**
 * Returns the JSON Schema type name of a value: `null`, `array`, `integer` for whole numbers,
 * `number`, or the `typeof` name for anything else.
 */
export function jsonTypeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}
