// JSON Pointer as RFC 6901 defines it: `~` is written `~0` and `/` is written `~1` in a segment.
// https://www.rfc-editor.org/rfc/rfc6901#section-3

/** Builds a pointer from path segments; `[]` gives ``, the whole document. */
export function formatPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${escapeSegment(String(segment))}`).join('');
}

/** Splits a pointer into its unescaped segments; `` gives `[]`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** Reads the value a pointer names, or undefined when the path does not exist in the document. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const segment of parsePointer(pointer)) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescapeSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
