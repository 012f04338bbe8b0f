import fc from 'fast-check';
import type { Fixtures } from '../src/config/options.js';
import { HarnessError } from '../src/errors.js';
import { fieldKind, type ReferenceKind } from './field-kinds.js';
import type { JobScope } from './job-scopes.js';
import { toPointer } from './json-pointer.js';
import type { KnownOffer } from './known-ids.js';
import { matchesSchema } from './local-validator.js';
import { numberKeyword } from './scalar-arbitraries.js';
import { type SchemaOverride, schemaArbitrary } from './schema-arbitrary.js';
import { asSchema, flattenAllOf } from './schema-node.js';
import type { GeneratorContext, JsonSchema } from './types.js';

/** The value sources of one family of valid cases of a method. */
export interface SourcePlan {
  method: string;
  context: GeneratorContext;
  scope: JobScope;
  /** The one reference kind this plan makes up. Every other reference exists. */
  generated: ReferenceKind | undefined;
  /** Every id and external reference known, which made-up values must avoid. */
  knownValues: ReadonlySet<string>;
}

/** Raised while a plan is built when a field has no existing value to draw from. */
export class MissingSourceError extends Error {
  override name = 'MissingSourceError';
}

/** The values the contract documents for `uploads.prepare`. Their full value sets are unknown. */
const UPLOAD_KINDS: Readonly<Record<string, string>> = {
  '/media_type': 'image',
  '/type': 'job_media',
};

/** Weights of an external reference against a job id when a job is named by an existing one. */
const EXTERNAL_WEIGHT = 3;
const ID_WEIGHT = 1;

/** Weight of the fixture site or work provider against the remembered ones. */
const FIXTURE_WEIGHT = 3;

/** Weight of a made-up VIN against the fixture VIN. */
const GENERATED_VIN_WEIGHT = 2;

/** Maximum number of selections in one generated procurement. */
const MAX_SELECTIONS = 3;

/** Maximum number of parts one generated selection names. */
const MAX_SELECTED_PARTS = 3;

/** Builds the override that gives each field of a method's request its value source. */
export function sourceOverride(plan: SourcePlan): SchemaOverride {
  return (path, schema) => {
    const kind = fieldKind(plan.method, path);
    const where = `${plan.method} ${toPointer(path) || '/'}`;
    switch (kind) {
      case 'job':
        return plan.generated === 'job' ? freshJob(plan) : existingJob(plan.scope, schema, where);
      case 'procurement':
        return procurementIdentity(plan, schema, where);
      case 'invoice':
        return invoiceIdentity(plan, schema, where);
      case 'site':
        return fixtureOrFresh(plan, 'site', schema, where);
      case 'work-provider':
        return fixtureOrFresh(plan, 'work-provider', schema, where);
      case 'offer-selections':
        return offerSelections(plan, schema);
      case 'sellable':
      case 'supplier-business':
      case 'job-part':
        return selectionField(plan, kind, plan.scope.offers, schema);
      case 'vin':
        return vin(plan.context.fixtures, schema, where);
      case 'upload-kind':
        return fc.constant(checkedFixed(UPLOAD_KINDS[toPointer(path)], schema, where));
      case 'grant':
        return grant(plan, schema);
      default:
        return undefined;
    }
  };
}

function existingJob(scope: JobScope, schema: JsonSchema, where: string): fc.Arbitrary<unknown> {
  const forms: fc.WeightedArbitrary<unknown>[] = [];
  if (scope.external !== undefined) {
    const form = { external: scope.external };
    if (checkExisting(form, schema, where, scope.isFixture ? 'jobExternal' : undefined)) {
      forms.push({ weight: EXTERNAL_WEIGHT, arbitrary: fc.constant(form) });
    }
  }
  if (scope.id !== undefined && matchesSchema(schema, { id: scope.id })) {
    forms.push({ weight: ID_WEIGHT, arbitrary: fc.constant({ id: scope.id }) });
  }
  return weightedOneOf(forms, `no existing job fits ${where}`);
}

// A new external reference makes `repairer.jobs.insert` create a job, and a random id names no
// job. An insert by a made-up id has no documented meaning, so the insert gets new references only.
function freshJob(plan: SourcePlan): fc.Arbitrary<unknown> {
  const external = fc
    .stringMatching(/^GEN-[0-9A-F]{8}$/)
    .filter((value) => !plan.knownValues.has(value));
  const byExternal = fc.record({ external }, { noNullPrototype: true });
  if (plan.method === 'repairer.jobs.insert') {
    return byExternal;
  }
  return fc.oneof(byExternal, fc.record({ id: freshUuid(plan) }, { noNullPrototype: true }));
}

function procurementIdentity(
  plan: SourcePlan,
  schema: JsonSchema,
  where: string,
): fc.Arbitrary<unknown> {
  if (plan.generated === 'procurement') {
    return fc.record({ id: freshUuid(plan) }, { noNullPrototype: true });
  }
  const { fixtures, known } = plan.context;
  checkExisting({ id: fixtures.procurementId }, schema, where, 'procurementId');
  const ids = unique([fixtures.procurementId, ...known.procurementIds]).filter((id) =>
    matchesSchema(schema, { id }),
  );
  return fc.record({ id: fc.constantFrom(...ids) }, { noNullPrototype: true });
}

function invoiceIdentity(
  plan: SourcePlan,
  schema: JsonSchema,
  where: string,
): fc.Arbitrary<unknown> {
  if (plan.generated === 'invoice') {
    return fc.record({ id: freshUuid(plan) }, { noNullPrototype: true });
  }
  const ids = plan.context.known.invoiceIds.filter((id) => matchesSchema(schema, { id }));
  if (ids.length === 0) {
    throw new MissingSourceError(`no known invoice id fits ${where}`);
  }
  return fc.record({ id: fc.constantFrom(...ids) }, { noNullPrototype: true });
}

function fixtureOrFresh(
  plan: SourcePlan,
  kind: 'site' | 'work-provider',
  schema: JsonSchema,
  where: string,
): fc.Arbitrary<unknown> {
  if (plan.generated === kind) {
    return freshUuid(plan);
  }
  const { fixtures, known } = plan.context;
  const fixture = kind === 'site' ? 'repairerSiteId' : 'workProviderId';
  const remembered = kind === 'site' ? known.siteIds : known.workProviderIds;
  checkExisting(fixtures[fixture], schema, where, fixture);
  const fixed = fc.constant(fixtures[fixture]);
  const others = remembered.filter((id) => id !== fixtures[fixture] && matchesSchema(schema, id));
  if (others.length === 0) {
    return fixed;
  }
  // A listed business need not be a repairer site, so the fixture stays the usual choice.
  return fc.oneof(
    { weight: FIXTURE_WEIGHT, arbitrary: fixed },
    { weight: 1, arbitrary: fc.constantFrom(...others) },
  );
}

/**
 * Builds `offer_selections` with each offer of the job selected at most once, since selecting
 * one offer twice orders the same parts twice.
 */
function offerSelections(plan: SourcePlan, schema: JsonSchema): fc.Arbitrary<unknown> {
  const item = offerSelection(plan, flattenAllOf(asSchema(schema.items ?? {})));
  const minLength = Math.max(1, numberKeyword(schema, 'minItems') ?? 0);
  const maxItems = numberKeyword(schema, 'maxItems') ?? Number.POSITIVE_INFINITY;
  const offers = plan.generated === undefined ? plan.scope.offers.length : MAX_SELECTIONS;
  const maxLength = Math.min(maxItems, offers, MAX_SELECTIONS);
  if (maxLength < minLength) {
    throw new MissingSourceError(`too few offers for ${plan.method} /offer_selections`);
  }
  const selector = (value: unknown) =>
    JSON.stringify([field(value, 'sellable_id'), field(value, 'supplier_business_id')]);
  return fc.uniqueArray(item, { minLength, maxLength, selector });
}

/**
 * Builds one item of `offer_selections` from one offer of the scope, so the sellable, the
 * supplier business and the parts of a selection always belong together.
 */
function offerSelection(plan: SourcePlan, schema: JsonSchema): fc.Arbitrary<unknown> {
  const selections = plan.scope.offers.flatMap((offer) => {
    try {
      return [schemaArbitrary(schema, { override: offerFieldOverride(plan, offer) })];
    } catch (error) {
      if (error instanceof MissingSourceError) {
        return [];
      }
      throw error;
    }
  });
  if (selections.length === 0) {
    throw new MissingSourceError(`no offer of the job fits ${plan.method} /offer_selections`);
  }
  return fc.oneof(...selections);
}

function offerFieldOverride(plan: SourcePlan, offer: KnownOffer): SchemaOverride {
  return (path, schema) => {
    const kind = fieldKind(plan.method, path);
    if (kind === 'sellable' || kind === 'supplier-business' || kind === 'job-part') {
      return selectionField(plan, kind, [offer], schema);
    }
    return undefined;
  };
}

function selectionField(
  plan: SourcePlan,
  kind: 'sellable' | 'supplier-business' | 'job-part',
  offers: readonly KnownOffer[],
  schema: JsonSchema,
): fc.Arbitrary<unknown> {
  if (kind === 'job-part') {
    const parts = unique(offers.flatMap((offer) => offer.jobPartIds));
    return partIds(plan, parts, schema);
  }
  if (plan.generated === kind) {
    return freshUuid(plan);
  }
  const ids = unique(
    offers.map((offer) => (kind === 'sellable' ? offer.sellableId : offer.supplierBusinessId)),
  ).filter((id) => matchesSchema(schema, id));
  if (ids.length === 0) {
    throw new MissingSourceError(`no known ${kind} id fits ${plan.method}`);
  }
  return fc.constantFrom(...ids);
}

function partIds(
  plan: SourcePlan,
  parts: readonly string[],
  schema: JsonSchema,
): fc.Arbitrary<unknown> {
  const minLength = Math.max(1, numberKeyword(schema, 'minItems') ?? 0);
  const maxItems = numberKeyword(schema, 'maxItems') ?? Number.POSITIVE_INFINITY;
  if (plan.generated === 'job-part') {
    return fc.uniqueArray(freshUuid(plan), { minLength, maxLength: minLength });
  }
  const valid = parts.filter((id) => matchesSchema(schema, [id]));
  const maxLength = Math.min(valid.length, maxItems, MAX_SELECTED_PARTS);
  if (maxLength < minLength) {
    throw new MissingSourceError(`too few known parts for ${plan.method}`);
  }
  return fc.uniqueArray(fc.constantFrom(...valid), { minLength, maxLength });
}

function vin(fixtures: Fixtures, schema: JsonSchema, where: string): fc.Arbitrary<unknown> {
  checkExisting(fixtures.vin, schema, where, 'vin');
  // A VIN has 17 characters from digits and capital letters other than I, O and Q (ISO 3779).
  const generated = fc.stringMatching(/^[A-HJ-NPR-Z0-9]{17}$/);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(fixtures.vin) },
    { weight: GENERATED_VIN_WEIGHT, arbitrary: generated },
  );
}

// The grant is a secret, so no message here ever shows its values.
function grant(plan: SourcePlan, schema: JsonSchema): fc.Arbitrary<unknown> {
  const oauth = plan.context.oauth;
  const body =
    oauth === undefined
      ? undefined
      : {
          access_code: oauth.accessCode,
          client_id: oauth.clientId,
          client_secret: oauth.clientSecret,
        };
  if (plan.generated === 'grant') {
    const isGrant = (value: unknown) => JSON.stringify(value) === JSON.stringify(body);
    return schemaArbitrary(schema).filter((value) => !isGrant(value));
  }
  if (body === undefined) {
    throw new MissingSourceError('no OAuth grant in the generator context');
  }
  if (!matchesSchema(schema, body)) {
    throw new HarnessError(
      'HARNESS_CONFIG_INVALID',
      `The OAuth grant does not fit the integrations.insert request schema; check credentials.oauth`,
    );
  }
  return fc.constant(body);
}

function freshUuid(plan: SourcePlan): fc.Arbitrary<string> {
  return fc.uuid().filter((id) => !plan.knownValues.has(id));
}

/**
 * Tells whether an existing value fits its field. A fixture that does not fit is a
 * configuration error; an id a response returned that does not fit is skipped.
 */
function checkExisting(
  value: unknown,
  schema: JsonSchema,
  where: string,
  fixture: keyof Fixtures | undefined,
): boolean {
  if (matchesSchema(schema, value)) {
    return true;
  }
  if (fixture !== undefined) {
    throw new HarnessError(
      'HARNESS_CONFIG_INVALID',
      `Fixture ${fixture} (${JSON.stringify(value)}) does not fit ${where}; set fixtures.${fixture} to a value the spec accepts`,
    );
  }
  return false;
}

function checkedFixed(value: string | undefined, schema: JsonSchema, where: string): string {
  if (value === undefined || !matchesSchema(schema, value)) {
    throw new HarnessError(
      'HARNESS_SPEC_INVALID',
      `The documented value ${JSON.stringify(value)} does not fit ${where}; fix the spec`,
    );
  }
  return value;
}

function weightedOneOf(
  arbitraries: readonly fc.WeightedArbitrary<unknown>[],
  missing: string,
): fc.Arbitrary<unknown> {
  const [first] = arbitraries;
  if (first === undefined) {
    throw new MissingSourceError(missing);
  }
  return arbitraries.length === 1 ? first.arbitrary : fc.oneof(...arbitraries);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
