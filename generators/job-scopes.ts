import type { KnownOffer } from './known-ids.js';
import type { GeneratorContext } from './types.js';

/**
 * A job and the records that belong to it. A request that names a job and its parts or offers
 * takes them all from one scope, so that an existing reference is never paired with another
 * job's parts.
 */
export interface JobScope {
  /** The job of the fixtures, which exists on the target before any request. */
  isFixture: boolean;
  id?: string;
  external?: string;
  partIds: readonly string[];
  /** Offers of the job's basket; each covers at least one part. */
  offers: readonly KnownOffer[];
}

/** Maximum number of remembered jobs offered beside the fixture job. The latest ones are kept. */
const MAX_REMEMBERED_SCOPES = 15;

/**
 * Lists the jobs a request may name: the fixture job first, with whatever responses added to
 * it, then the latest remembered jobs in the order they were first seen.
 */
export function jobScopes(context: GeneratorContext): JobScope[] {
  const { fixtures } = context;
  const known = context.known.jobs;
  const fixtureJob = known.find((job) => job.external === fixtures.jobExternal);
  const fixtureOffer: KnownOffer = {
    sellableId: fixtures.sellableId,
    supplierBusinessId: fixtures.supplierBusinessId,
    jobPartIds: [fixtures.jobPartId],
  };
  const fixtureScope = scopeOf(
    true,
    fixtureJob?.id,
    fixtures.jobExternal,
    unique([fixtures.jobPartId, ...(fixtureJob?.partIds ?? [])]),
    [fixtureOffer, ...(fixtureJob?.offers ?? [])],
  );
  const others = known
    .filter((job) => job !== fixtureJob)
    .slice(-MAX_REMEMBERED_SCOPES)
    .map((job) => scopeOf(false, job.id, job.external, job.partIds, job.offers));
  return [fixtureScope, ...others];
}

function scopeOf(
  isFixture: boolean,
  id: string | undefined,
  external: string | undefined,
  partIds: readonly string[],
  offers: readonly KnownOffer[],
): JobScope {
  const usableOffers = offers
    .map((offer) => ({
      ...offer,
      jobPartIds: offer.jobPartIds.length > 0 ? offer.jobPartIds : partIds,
    }))
    .filter((offer) => offer.jobPartIds.length > 0);
  return {
    isFixture,
    ...(id !== undefined ? { id } : {}),
    ...(external !== undefined ? { external } : {}),
    partIds,
    offers: dedupeOffers(usableOffers),
  };
}

function dedupeOffers(offers: readonly KnownOffer[]): KnownOffer[] {
  const seen = new Set<string>();
  return offers.filter((offer) => {
    const key = `${offer.sellableId} ${offer.supplierBusinessId}`;
    const isNew = !seen.has(key);
    seen.add(key);
    return isNew;
  });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
