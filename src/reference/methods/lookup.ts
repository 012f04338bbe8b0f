import { ApiError } from '../api-error.js';
import type { JobIdentity } from '../request-fields.js';
import type { Job, Procurement, World } from '../world.js';

// NOTE: the seed has one repairer and one supplier organization, and every job and procurement
// belongs to them, so no lookup here filters by the caller's organization. A cross-organization
// not_found cannot be produced by this target.

export function findJob(world: World, identity: JobIdentity): Job | undefined {
  const id = 'id' in identity ? identity.id : world.jobIdsByExternal.get(identity.external);
  return id === undefined ? undefined : world.jobs.get(id);
}

/** Returns the job, or raises `not_found`. */
export function requireJob(world: World, identity: JobIdentity): Job {
  const job = findJob(world, identity);
  if (job === undefined) {
    throw new ApiError('not_found', 'no job matches the identity');
  }
  return job;
}

/** Returns the procurement, or raises `not_found`. */
export function requireProcurement(world: World, id: string): Procurement {
  const procurement = world.procurements.get(id);
  if (procurement === undefined) {
    throw new ApiError('not_found', `no procurement ${id}`);
  }
  return procurement;
}

/** Procurements of one job, in creation order. */
export function procurementsOfJob(world: World, jobId: string): Procurement[] {
  return [...world.procurements.values()].filter((procurement) => procurement.jobId === jobId);
}
