import { isAbsolute, resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { HarnessError } from '../errors.js';
import {
  hashSpecTexts,
  isUrl,
  type LoadedSpec,
  loadSpecSource,
  toOneLine,
  validateSpecDocument,
} from './load-document.js';
import { mergeExtensions } from './merge.js';
import { buildMethodEntry } from './method-entry.js';
import { derivePublishedDocument } from './published.js';
import type { Catalogue, MethodEntry } from './types.js';
import { addDocuments, createAjv } from './validators.js';

type JsonObject = Record<string, unknown>;

/** Where the catalogue's documents come from. */
export interface CatalogueOptions {
  /** File path or http(s) URL of the wire spec. */
  spec: string;
  /** File path or URL of the extension spec, or `false` to leave the extensions out. */
  extensionsSpec: string | false;
}

const cache = new Map<string, Promise<Catalogue>>();

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cacheKey(options: CatalogueOptions): string {
  const normalize = (source: string): string =>
    isUrl(source) || isAbsolute(source) ? source : resolve(source);
  const extensions = options.extensionsSpec === false ? '' : normalize(options.extensionsSpec);
  return `${normalize(options.spec)}\u0000${extensions}`;
}

async function mergeLoaded(wire: LoadedSpec, extensions: LoadedSpec): Promise<JsonObject> {
  const label = `${wire.source} with the extensions of ${extensions.source}`;
  let merged: OpenAPIV3_1.Document;
  try {
    merged = mergeExtensions(wire.document, extensions.document);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new HarnessError('HARNESS_SPEC_INVALID', `${message} (merging ${label})`, {
      cause: error,
    });
  }
  // The extension document's references to wire components are now local, so the merged
  // document is checked once more: a wire spec that lacks one of them fails here.
  await validateSpecDocument(label, wire.location, merged);
  return merged as unknown as JsonObject;
}

async function dereference(label: string, location: string, document: JsonObject) {
  try {
    const clone = structuredClone(document) as unknown as OpenAPIV3_1.Document;
    return (await SwaggerParser.dereference(location, clone, {})) as unknown as JsonObject;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new HarnessError(
      'HARNESS_SPEC_INVALID',
      `The spec ${label} cannot be dereferenced: ${toOneLine(message)}`,
      { cause: error },
    );
  }
}

function buildMethods(document: JsonObject, dereferenced: JsonObject): MethodEntry[] {
  const ajv = createAjv();
  addDocuments(ajv, document, derivePublishedDocument(document));

  const paths = isObject(document.paths) ? document.paths : {};
  const dereferencedPaths = isObject(dereferenced.paths) ? dereferenced.paths : {};
  return Object.entries(paths).map(([path, item]) => {
    const operation = isObject(item) ? item.post : undefined;
    const dereferencedItem = dereferencedPaths[path];
    const dereferencedOperation = isObject(dereferencedItem) ? dereferencedItem.post : undefined;
    if (!isObject(operation) || !isObject(dereferencedOperation)) {
      throw new HarnessError(
        'HARNESS_SPEC_INVALID',
        `The spec's path ${path} has no post operation; every method is a POST`,
      );
    }
    return buildMethodEntry(ajv, { path, operation, dereferenced: dereferencedOperation });
  });
}

function indexByName(methods: MethodEntry[]): ReadonlyMap<string, MethodEntry> {
  const byName = new Map<string, MethodEntry>();
  for (const method of methods) {
    if (byName.has(method.name)) {
      throw new HarnessError(
        'HARNESS_SPEC_INVALID',
        `The spec defines the method ${method.name} twice`,
      );
    }
    byName.set(method.name, method);
  }
  return byName;
}

async function buildCatalogue(options: CatalogueOptions): Promise<Catalogue> {
  const wire = await loadSpecSource(options.spec);
  const extensions =
    options.extensionsSpec === false ? undefined : await loadSpecSource(options.extensionsSpec);

  const loaded = extensions === undefined ? [wire] : [wire, extensions];
  const document =
    extensions === undefined
      ? (wire.document as unknown as JsonObject)
      : await mergeLoaded(wire, extensions);
  const dereferenced = await dereference(wire.source, wire.location, document);
  const methods = buildMethods(document, dereferenced);

  return {
    version: wire.document.info.version,
    specHash: hashSpecTexts(loaded.map((spec) => spec.text)),
    sources: loaded.map((spec) => spec.source),
    methods,
    byName: indexByName(methods),
  };
}

/**
 * Loads the wire spec and, unless `extensionsSpec` is false, merges the extension spec into it,
 * then builds one catalogue entry per operation with its validators compiled. Catalogues are
 * cached for the life of the process by their sources, so suites in one process load once; a
 * failed load is not cached. Raises a HarnessError with a one-line message.
 */
export function loadCatalogue(options: CatalogueOptions): Promise<Catalogue> {
  const key = cacheKey(options);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;

  const pending = buildCatalogue(options);
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  return pending;
}

/** Empties the catalogue cache, so the next load reads the documents again. */
export function clearCatalogueCache(): void {
  cache.clear();
}
