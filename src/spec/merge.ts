import { isDeepStrictEqual } from 'node:util';
import type { OpenAPIV3_1 } from 'openapi-types';
import { HarnessError } from '../errors.js';

/** Vendor key that marks an operation of the extension document. */
export const EXTENSION_KEY = 'x-extension';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites every `$ref` of the form `<document>#<pointer>` into the local `#<pointer>`. The
 * extension document borrows wire components through references to the wire file, and after
 * the merge those components sit in the same document.
 */
export function localizeReferences<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item) => localizeReferences(item)) as T;
  }
  if (!isObject(value)) {
    return value;
  }
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof item === 'string' ? localRef(item) : localizeReferences(item);
  }
  return copy as T;
}

function localRef(reference: string): string {
  const hashIndex = reference.indexOf('#');
  return hashIndex > 0 ? reference.slice(hashIndex) : reference;
}

function mergeNamed(
  kind: string,
  base: JsonObject | undefined,
  added: JsonObject | undefined,
): JsonObject {
  const merged: JsonObject = { ...(base ?? {}) };
  for (const [name, value] of Object.entries(added ?? {})) {
    if (name in merged && !isDeepStrictEqual(merged[name], value)) {
      throw new HarnessError(
        'HARNESS_SPEC_INVALID',
        `The extension spec redefines the ${kind} ${name} of the wire spec differently; rename one`,
      );
    }
    merged[name] = value;
  }
  return merged;
}

function markOperations(paths: JsonObject, security: unknown): JsonObject {
  const marked: JsonObject = {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) {
      marked[path] = item;
      continue;
    }
    const copy: JsonObject = { ...item };
    for (const [method, operation] of Object.entries(item)) {
      if (isObject(operation) && isHttpMethod(method)) {
        copy[method] = markOperation(operation, security);
      }
    }
    marked[path] = copy;
  }
  return marked;
}

function markOperation(operation: JsonObject, security: unknown): JsonObject {
  const marked: JsonObject = { ...operation, [EXTENSION_KEY]: true };
  // The extension document's global security no longer applies once its operations move into
  // the wire document, so it is copied onto each operation that does not declare its own.
  if (!('security' in operation) && security !== undefined) {
    marked.security = security;
  }
  return marked;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function isHttpMethod(key: string): boolean {
  return HTTP_METHODS.has(key);
}

/**
 * Merges the extension document into the wire document: its paths, its component schemas and
 * its security schemes. Every extension operation gets `x-extension: true`. References to the
 * wire file become local. A path defined by both documents, or a component defined differently
 * by both, raises HARNESS_SPEC_INVALID. Neither input is changed.
 */
export function mergeExtensions(
  wire: OpenAPIV3_1.Document,
  extensions: OpenAPIV3_1.Document,
): OpenAPIV3_1.Document {
  const local = localizeReferences(extensions) as unknown as JsonObject;
  const wirePaths = (wire.paths ?? {}) as JsonObject;
  const extensionPaths = markOperations((local.paths ?? {}) as JsonObject, local.security);

  for (const path of Object.keys(extensionPaths)) {
    if (path in wirePaths) {
      throw new HarnessError(
        'HARNESS_SPEC_INVALID',
        `The extension spec and the wire spec both define the path ${path}; remove one`,
      );
    }
  }

  const wireComponents = (wire.components ?? {}) as JsonObject;
  const extensionComponents = (local.components ?? {}) as JsonObject;
  const components: JsonObject = { ...structuredClone(wireComponents) };
  for (const kind of ['schemas', 'securitySchemes']) {
    components[kind] = mergeNamed(
      kind === 'schemas' ? 'schema' : 'security scheme',
      components[kind] as JsonObject | undefined,
      extensionComponents[kind] as JsonObject | undefined,
    );
  }

  return {
    ...structuredClone(wire),
    paths: { ...structuredClone(wirePaths), ...extensionPaths },
    components,
  } as OpenAPIV3_1.Document;
}
