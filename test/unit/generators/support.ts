import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import {
  createKnownIds,
  type GeneratorContext,
  type JsonSchema,
} from '../../../generators/index.js';
import { DEMO_FIXTURES } from '../../../src/config/defaults.js';
// The spec module has no index yet; its catalogue is the public entry point.
import { loadCatalogue } from '../../../src/spec/catalogue.js';
import type { Catalogue, MethodEntry, SchemaIssue } from '../../../src/spec/types.js';

const SPEC = fileURLToPath(new URL('../../../spec/partly-2026-01.openapi.json', import.meta.url));
const EXTENSIONS = fileURLToPath(
  new URL('../../../spec/partly-2026-01.extensions.openapi.json', import.meta.url),
);

/** The 17 methods of the pinned specs, in the order the tests expect them. */
export const METHOD_NAMES = [
  'businesses.list',
  'integrations.insert',
  'repairer.jobs.baskets.latest.get',
  'repairer.jobs.get',
  'repairer.jobs.insert',
  'repairer.jobs.parts.insert',
  'repairer.jobs.parts.list',
  'repairer.procurements.get',
  'repairer.procurements.list',
  'repairer.work-providers.list',
  'supplier.procurements.confirm',
  'supplier.procurements.get',
  'tier1.prepare',
  'uploads.prepare',
  'repairer.procurements.insert',
  'repairer.procurements.invoices.list',
  'repairer.procurements.invoices.get',
] as const;

/** Methods whose request names a job through a job identity. */
export const JOB_METHODS = [
  'repairer.jobs.baskets.latest.get',
  'repairer.jobs.get',
  'repairer.jobs.insert',
  'repairer.jobs.parts.insert',
  'repairer.jobs.parts.list',
  'repairer.procurements.list',
  'repairer.procurements.insert',
  'repairer.procurements.invoices.list',
] as const;

/** A made-up grant, so no demo secret lands in a stored sample. */
export const TEST_GRANT = {
  clientId: 'client-under-test',
  clientSecret: 'secret-under-test',
  accessCode: 'code-under-test',
};

/** Ids of a second job, as a run would remember them after creating it. */
export const CREATED_JOB = {
  id: '0d000000-0000-4000-8000-0000000000aa',
  external: 'GEN-0000ABCD',
  partId: '0e000000-0000-4000-8000-0000000000ab',
  sellableId: '0f000000-0000-4000-8000-0000000000ac',
  supplierBusinessId: '0b000000-0000-4000-8000-0000000000ad',
};

export const KNOWN_PROCUREMENT = '10000000-0000-4000-8000-0000000000ae';
export const KNOWN_INVOICE = '20000000-0000-4000-8000-0000000000af';
export const FIXTURE_JOB_ID = '0d000000-0000-4000-8000-000000000001';

export function loadTestCatalogue(): Promise<Catalogue> {
  return loadCatalogue({ spec: SPEC, extensionsSpec: EXTENSIONS });
}

/** Returns a method of the catalogue, failing the test when it is missing. */
export function methodOf(catalogue: Catalogue, name: string): MethodEntry {
  const method = catalogue.byName.get(name);
  if (method === undefined) {
    throw new Error(`the catalogue has no method ${name}`);
  }
  return method;
}

/** Returns a context with only the fixtures and a grant, as at the start of a run. */
export function freshContext(): GeneratorContext {
  return { fixtures: DEMO_FIXTURES, known: createKnownIds(), oauth: TEST_GRANT };
}

/** Returns a context whose registry contains what a run learns after a few calls. */
export function richContext(): GeneratorContext {
  const context = freshContext();
  const { known } = context;
  const fixtureJob = { external: DEMO_FIXTURES.jobExternal };
  known.rememberJob({ ...fixtureJob, id: FIXTURE_JOB_ID });
  known.rememberParts(fixtureJob, [DEMO_FIXTURES.jobPartId]);
  const createdJob = { id: CREATED_JOB.id, external: CREATED_JOB.external };
  known.rememberJob(createdJob);
  known.rememberParts(createdJob, [CREATED_JOB.partId]);
  known.rememberOffers(createdJob, [
    {
      sellableId: CREATED_JOB.sellableId,
      supplierBusinessId: CREATED_JOB.supplierBusinessId,
      jobPartIds: [CREATED_JOB.partId],
    },
  ]);
  known.rememberProcurement(KNOWN_PROCUREMENT);
  known.rememberInvoice(KNOWN_INVOICE);
  return context;
}

/** Creates a seeded fast-check random source the way the runner creates it. */
export function seededRandom(seed: number): fc.Random {
  return new fc.Random(xoroshiro128plus(seed));
}

/** Returns every issue of a validation, failures and warnings together. */
export function allIssues(method: MethodEntry, body: unknown): SchemaIssue[] {
  const validation = method.validateRequest(body);
  return [...validation.failures, ...validation.warnings];
}

/** Creates a JSON Schema 2020-12 validator with formats, for hand-written schemas. */
export function createTestAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormatsModule.default(ajv);
  return ajv;
}

/**
 * A stand-in method whose request schema is hand-written: every Ajv error is a failure, and
 * errors under a node marked `x-provenance: inferred` are warnings, as in the catalogue.
 */
export function handWrittenMethod(name: string, requestSchema: JsonSchema): MethodEntry {
  const validate = createTestAjv().compile(requestSchema);
  const validateRequest = (value: unknown) => {
    const errors: ErrorObject[] = validate(value) ? [] : [...(validate.errors ?? [])];
    const issues = errors.map((error) => ({
      keyword: error.keyword,
      instancePath: error.instancePath,
      schemaPath: error.schemaPath,
      message: error.message ?? '',
      params: { ...error.params },
    }));
    const inferred = (issue: SchemaIssue) => isUnderInferred(requestSchema, issue.schemaPath);
    return {
      failures: issues.filter((issue) => !inferred(issue)),
      warnings: issues.filter(inferred),
    };
  };
  return {
    name,
    path: `/api/2026-01/${name}`,
    operationId: name,
    role: 'repairer',
    roleInferred: false,
    extension: false,
    mutates: false,
    errorStyle: 'tagged',
    variants: [],
    requestSchema,
    responseSchema: {},
    examples: [],
    validateRequest,
    validateResponse: () => ({ failures: [], warnings: [] }),
    validateError: () => [],
  };
}

function isUnderInferred(schema: JsonSchema, schemaPath: string): boolean {
  const tokens = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean);
  let node: unknown = schema;
  for (const token of tokens) {
    if (typeof node !== 'object' || node === null) {
      return false;
    }
    if ((node as JsonSchema)['x-provenance'] === 'inferred') {
      return true;
    }
    node = (node as Record<string, unknown>)[decodeURIComponent(token)];
  }
  return false;
}
