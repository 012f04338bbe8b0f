import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../../../src/spec/catalogue.js';
import type { Catalogue, MethodEntry } from '../../../src/spec/types.js';

/** Absolute paths of the pinned spec documents and of the test fixtures. */
export const WIRE_SPEC = fileURLToPath(
  new URL('../../../spec/partly-2026-01.openapi.json', import.meta.url),
);
export const EXTENSIONS_SPEC = fileURLToPath(
  new URL('../../../spec/partly-2026-01.extensions.openapi.json', import.meta.url),
);
export const SPEC_FIXTURES = fileURLToPath(new URL('../../fixtures/spec/', import.meta.url));

/** One example request of the API reference page, copied into the fixture. */
export interface SeedExample {
  method: string;
  credential: 'repairer' | 'supplier' | 'none';
  body: Record<string, unknown>;
}

export function readSeedExamples(): SeedExample[] {
  const path = fileURLToPath(new URL('../../fixtures/seed-examples.json', import.meta.url));
  return (JSON.parse(readFileSync(path, 'utf8')) as { examples: SeedExample[] }).examples;
}

/** Loads the catalogue of the pinned spec with its extensions. */
export function loadPinnedCatalogue(): Promise<Catalogue> {
  return loadCatalogue({ spec: WIRE_SPEC, extensionsSpec: EXTENSIONS_SPEC });
}

export function methodOf(catalogue: Catalogue, name: string): MethodEntry {
  const method = catalogue.byName.get(name);
  if (method === undefined) throw new Error(`no method ${name} in the catalogue`);
  return method;
}
