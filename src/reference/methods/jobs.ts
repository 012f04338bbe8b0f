import { randomUUID } from 'node:crypto';
import { ApiError, invalidRequest } from '../api-error.js';
import type { Caller } from '../auth.js';
import type { MethodContext, MethodDefinition } from '../method-types.js';
import {
  canonicalUuid,
  type Fields,
  isUuid,
  type JobIdentity,
  readJobIdentity,
  readObject,
  readOptionalNullableString,
  readUuid,
} from '../request-fields.js';
import { SEED } from '../seed.js';
import { basketView, jobView } from '../views.js';
import type { Job, Vehicle } from '../world.js';
import { findJob, requireJob } from './lookup.js';

const EXAMPLE_JOB_IDENTITY = { external: SEED.job.external };

export const jobsGet: MethodDefinition = {
  name: 'repairer.jobs.get',
  role: 'repairer',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: { identity: EXAMPLE_JOB_IDENTITY },
  handle(context) {
    const identity = readJobIdentity(context.body.identity, 'bad_request', 'identity');
    return jobView(requireJob(context.world, identity), context.faults);
  },
};

export const basketsLatestGet: MethodDefinition = {
  name: 'repairer.jobs.baskets.latest.get',
  role: 'repairer',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: { job_identity: EXAMPLE_JOB_IDENTITY },
  handle(context) {
    const identity = readJobIdentity(context.body.job_identity, 'bad_request', 'job_identity');
    // Applied after validation and before the lookup: a valid request for an unknown job is
    // rejected too.
    if (context.faults.has('reject-valid')) {
      throw new ApiError('bad_request', 'valid request rejected by the reject-valid fault');
    }
    return basketView(requireJob(context.world, identity), context.faults);
  },
};

/** The fields of a `repairer.jobs.insert` request; `undefined` leaves a field unchanged. */
interface JobInsert {
  identity: JobIdentity;
  repairerSiteId: string;
  workProviderId: string | null | undefined;
  claimNumber: string | null | undefined;
  jobNumber: string | null | undefined;
  vehicle: Vehicle | null | undefined;
}

export const jobsInsert: MethodDefinition = {
  name: 'repairer.jobs.insert',
  role: 'repairer',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'unprocessable',
  example: {
    identity: EXAMPLE_JOB_IDENTITY,
    repairer_site_id: SEED.job.siteId,
    work_provider_id: SEED.job.workProviderId,
  },
  handle(context) {
    const request = readJobInsert(context.body);
    checkJobReferences(request, context.caller);
    return jobView(upsertJob(context, request), context.faults);
  },
};

function readJobInsert(body: Fields): JobInsert {
  const shape = 'unprocessable';
  return {
    identity: readJobIdentity(body.identity, shape, 'identity'),
    repairerSiteId: readUuid(body, 'repairer_site_id', shape),
    workProviderId: readOptionalNullableUuid(body, 'work_provider_id'),
    claimNumber: readOptionalNullableString(body, 'claim_number', shape),
    jobNumber: readOptionalNullableString(body, 'job_number', shape),
    vehicle: readOptionalVehicle(body.vehicle),
  };
}

function readOptionalNullableUuid(body: Fields, key: string): string | null | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    return value;
  }
  if (!isUuid(value)) {
    invalidRequest('unprocessable', `${key} is neither null nor a uuid`);
  }
  return canonicalUuid(value);
}

/** Reads a `JobVehicleV1`: every field optional, each a string or null (`year` also an integer). */
function readOptionalVehicle(value: unknown): Vehicle | null | undefined {
  if (value === undefined || value === null) {
    return value;
  }
  const fields = readObject(value, 'unprocessable', 'vehicle');
  const year = fields.year;
  if (
    !(year === undefined || year === null || typeof year === 'string' || Number.isInteger(year))
  ) {
    invalidRequest('unprocessable', 'vehicle.year is neither null, an integer nor a string');
  }
  return {
    vin: readOptionalNullableString(fields, 'vin', 'unprocessable') ?? null,
    make: readOptionalNullableString(fields, 'make', 'unprocessable') ?? null,
    model: readOptionalNullableString(fields, 'model', 'unprocessable') ?? null,
    year: (year as number | string | null | undefined) ?? null,
    registration: readOptionalNullableString(fields, 'registration', 'unprocessable') ?? null,
  };
}

/** Raises when the site is not the caller's or the work provider is unknown. */
function checkJobReferences(request: JobInsert, caller: Caller): void {
  const ownSites: readonly { id: string }[] =
    caller.organizationId === SEED.repairerOrganization.id ? SEED.repairerSites : [];
  if (!ownSites.some((site) => site.id === request.repairerSiteId)) {
    throw new ApiError('unprocessable', `site ${request.repairerSiteId} is not the caller's`);
  }
  const workProviderId = request.workProviderId;
  if (
    typeof workProviderId === 'string' &&
    !SEED.workProviders.some((provider) => provider.id === workProviderId)
  ) {
    throw new ApiError('work_provider_not_found', `no work provider ${workProviderId}`);
  }
}

/**
 * Updates the job the identity names, or creates one for a new external reference. An `{id}`
 * naming no job is `unprocessable`: the union has no `not_found`, and an upsert cannot create a
 * job under an id the caller chose.
 */
function upsertJob(context: MethodContext, request: JobInsert): Job {
  const existing = findJob(context.world, request.identity);
  if (existing === undefined && 'id' in request.identity) {
    throw new ApiError('unprocessable', `no job ${request.identity.id} to update`);
  }
  if (existing !== undefined && !context.faults.has('upsert-duplicates')) {
    applyJobInsert(existing, request);
    return existing;
  }
  const job: Job = {
    id: randomUUID(),
    externalId: 'external' in request.identity ? request.identity.external : null,
    claimNumber: null,
    jobNumber: null,
    repairerSiteId: request.repairerSiteId,
    workProviderId: null,
    vehicle: null,
    images: [],
    parts: [],
  };
  if (existing !== undefined) {
    // The upsert-duplicates fault: a copy under a new id, while the identity keeps naming the
    // original job.
    job.externalId = existing.externalId;
  }
  applyJobInsert(job, request);
  context.world.jobs.set(job.id, job);
  if (existing === undefined && job.externalId !== null) {
    context.world.jobIdsByExternal.set(job.externalId, job.id);
  }
  return job;
}

function applyJobInsert(job: Job, request: JobInsert): void {
  job.repairerSiteId = request.repairerSiteId;
  if (request.workProviderId !== undefined) {
    job.workProviderId = request.workProviderId;
  }
  if (request.claimNumber !== undefined) {
    job.claimNumber = request.claimNumber;
  }
  if (request.jobNumber !== undefined) {
    job.jobNumber = request.jobNumber;
  }
  if (request.vehicle !== undefined) {
    job.vehicle = request.vehicle;
  }
}
