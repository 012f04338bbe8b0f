/** One step into a JSON value: a property name, or an array index. */
export type PathSegment = string | number;

/** Renders path segments as a JSON pointer (RFC 6901), such as `/identity/id`. */
export function toPointer(segments: readonly PathSegment[]): string {
  return segments.map((segment) => `/${escapeSegment(String(segment))}`).join('');
}

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Returns the value at a path, or undefined when the path leaves the value. */
export function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Returns a deep copy of a JSON value with the value at the path replaced. */
export function replaceAt(
  root: unknown,
  segments: readonly PathSegment[],
  value: unknown,
): unknown {
  const last = segments.at(-1);
  if (last === undefined) {
    return value;
  }
  // One deep copy of the root; the values on the path are already copies inside it.
  const copy = structuredClone(root);
  let parent = copy as Record<PathSegment, unknown>;
  for (const segment of segments.slice(0, -1)) {
    parent = parent[segment] as Record<PathSegment, unknown>;
  }
  parent[last] = value;
  return copy;
}

/** Returns a deep copy of a JSON object with the property at the path deleted. */
export function removeAt(root: unknown, segments: readonly PathSegment[]): unknown {
  const parentPath = segments.slice(0, -1);
  const key = segments.at(-1);
  const parent = structuredClone(valueAt(root, parentPath)) as Record<PathSegment, unknown>;
  if (key !== undefined) {
    delete parent[key];
  }
  return replaceAt(root, parentPath, parent);
}
