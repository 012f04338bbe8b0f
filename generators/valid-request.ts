import fc from 'fast-check';
import { HarnessError } from '../src/errors.js';
import type { MethodEntry } from '../src/spec/types.js';
import { findFieldKinds, isReferenceKind, type ReferenceKind } from './field-kinds.js';
import { MissingSourceError, type SourcePlan, sourceOverride } from './field-sources.js';
import { type JobScope, jobScopes } from './job-scopes.js';
import { schemaArbitrary } from './schema-arbitrary.js';
import type { GeneratorContext, ValidRequest } from './types.js';

/** Weights of cases whose references all exist against cases that name a made-up one. */
const EXISTING_WEIGHT = 4;
const GENERATED_WEIGHT = 1;

/** Reference kinds whose values belong to one job, so a plan takes them from a job scope. */
const JOB_SCOPED_KINDS: readonly ReferenceKind[] = [
  'job',
  'sellable',
  'supplier-business',
  'job-part',
];

/**
 * Builds the arbitrary of valid requests of a method. About four cases in five name only records
 * the target holds (`referencesExist: true`); the rest name one made-up reference of one kind,
 * such as a random procurement id or a new external job reference. Every body passes
 * `method.validateRequest` with no failures and no warnings. The registry of known ids is read
 * once, here: later additions reach only arbitraries built after them.
 */
export function validRequestArbitrary(
  method: MethodEntry,
  context: GeneratorContext,
): fc.Arbitrary<ValidRequest> {
  const existing = existingBodies(method, context);
  const generated = generatedBodies(method, context);
  const families: fc.WeightedArbitrary<ValidRequest>[] = [];
  if (existing !== undefined) {
    families.push({ weight: EXISTING_WEIGHT, arbitrary: labelled(method, existing, true) });
  }
  if (generated !== undefined) {
    families.push({ weight: GENERATED_WEIGHT, arbitrary: labelled(method, generated, false) });
  }
  const [only] = families;
  if (only === undefined) {
    throw new HarnessError(
      'HARNESS_SPEC_INVALID',
      `No valid request of ${method.name} can be generated from its schema and the fixtures`,
    );
  }
  return families.length === 1 ? only.arbitrary : fc.oneof(...families);
}

/**
 * Builds bodies of a method before the final schema check, for the generators' own tests: a
 * converter that needs the check to produce valid bodies is a defect the check would hide.
 */
export function unfilteredBodies(
  method: MethodEntry,
  context: GeneratorContext,
  referencesExist: boolean,
): fc.Arbitrary<unknown> | undefined {
  return referencesExist ? existingBodies(method, context) : generatedBodies(method, context);
}

function labelled(
  method: MethodEntry,
  bodies: fc.Arbitrary<unknown>,
  referencesExist: boolean,
): fc.Arbitrary<ValidRequest> {
  return bodies
    .filter((body) => isClean(method, body))
    .map(
      (body): ValidRequest => ({ body, referencesExist }),
      (value) => unlabel(value, referencesExist),
    );
}

function isClean(method: MethodEntry, body: unknown): boolean {
  const validation = method.validateRequest(body);
  return validation.failures.length === 0 && validation.warnings.length === 0;
}

function unlabel(value: unknown, referencesExist: boolean): unknown {
  const request = value as Partial<ValidRequest> | null;
  if (
    typeof request !== 'object' ||
    request === null ||
    request.referencesExist !== referencesExist
  ) {
    throw new Error('not a valid request of this family');
  }
  return request.body;
}

function existingBodies(
  method: MethodEntry,
  context: GeneratorContext,
): fc.Arbitrary<unknown> | undefined {
  return scopedBodies(method, context, undefined);
}

// One family per reference kind of the method, each with that kind made up and the rest real.
function generatedBodies(
  method: MethodEntry,
  context: GeneratorContext,
): fc.Arbitrary<unknown> | undefined {
  const kinds = referenceKinds(method);
  const families = [...kinds.keys()].flatMap((kind) => {
    const bodies = scopedBodies(method, context, kind);
    return bodies === undefined ? [] : [bodies];
  });
  if (families.length === 0) {
    return undefined;
  }
  return families.length === 1 ? families[0] : fc.oneof(...families);
}

function scopedBodies(
  method: MethodEntry,
  context: GeneratorContext,
  generated: ReferenceKind | undefined,
): fc.Arbitrary<unknown> | undefined {
  const kinds = referenceKinds(method);
  const forcedPaths = new Set(generated === undefined ? [] : (kinds.get(generated) ?? []));
  const knownValues = knownValuesOf(context);
  const scopes = usesJobScope(kinds) ? jobScopes(context) : jobScopes(context).slice(0, 1);
  const families = scopes.flatMap((scope) => {
    const plan: SourcePlan = { method: method.name, context, scope, generated, knownValues };
    const bodies = planBodies(method, plan, forcedPaths);
    return bodies === undefined ? [] : [{ weight: scopeWeight(scope, scopes), arbitrary: bodies }];
  });
  const [first] = families;
  if (first === undefined) {
    return undefined;
  }
  return families.length === 1 ? first.arbitrary : fc.oneof(...families);
}

function planBodies(
  method: MethodEntry,
  plan: SourcePlan,
  forcedPaths: ReadonlySet<string>,
): fc.Arbitrary<unknown> | undefined {
  try {
    return schemaArbitrary(method.requestSchema, { override: sourceOverride(plan), forcedPaths });
  } catch (error) {
    if (error instanceof MissingSourceError) {
      return undefined;
    }
    throw error;
  }
}

// The fixture job weighs as much as all remembered jobs together, so at least half the cases
// name the job every fresh tenant holds.
function scopeWeight(scope: JobScope, scopes: readonly JobScope[]): number {
  return scope.isFixture ? Math.max(1, scopes.length - 1) : 1;
}

function referenceKinds(method: MethodEntry): Map<ReferenceKind, string[]> {
  const kinds = new Map<ReferenceKind, string[]>();
  for (const [kind, pointers] of findFieldKinds(method.name, method.requestSchema)) {
    if (isReferenceKind(kind)) {
      kinds.set(kind, pointers);
    }
  }
  return kinds;
}

function usesJobScope(kinds: ReadonlyMap<ReferenceKind, string[]>): boolean {
  return JOB_SCOPED_KINDS.some((kind) => kinds.has(kind));
}

function knownValuesOf(context: GeneratorContext): Set<string> {
  const { fixtures, known } = context;
  const values = new Set<string>(Object.values(fixtures));
  for (const job of known.jobs) {
    for (const value of [job.id, job.external, ...job.partIds]) {
      if (value !== undefined) {
        values.add(value);
      }
    }
    for (const offer of job.offers) {
      values.add(offer.sellableId);
      values.add(offer.supplierBusinessId);
    }
  }
  const ids = [
    ...known.procurementIds,
    ...known.invoiceIds,
    ...known.siteIds,
    ...known.workProviderIds,
    ...known.looseIds,
  ];
  for (const id of ids) {
    values.add(id);
  }
  return values;
}
