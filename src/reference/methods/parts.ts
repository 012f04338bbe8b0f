import { randomUUID } from 'node:crypto';
import { invalidRequest } from '../api-error.js';
import type { MethodDefinition } from '../method-types.js';
import { readArray, readJobIdentity, readObject } from '../request-fields.js';
import { SEED } from '../seed.js';
import { partView } from '../views.js';
import type { Part } from '../world.js';
import { requireJob } from './lookup.js';

const EXAMPLE_JOB_IDENTITY = { external: SEED.job.external };

/** Its errors are bare JSON strings, such as `"not_found"`, unlike every other method's. */
export const partsInsert: MethodDefinition = {
  name: 'repairer.jobs.parts.insert',
  role: 'repairer',
  extension: false,
  errorStyle: 'bare-string',
  invalidVariant: 'unprocessable',
  example: {
    job_identity: EXAMPLE_JOB_IDENTITY,
    parts: [{ description: 'Front bumper cover assembly', quantity: 1 }],
  },
  handle(context) {
    const identity = readJobIdentity(context.body.job_identity, 'unprocessable', 'job_identity');
    const newParts = readArray(context.body, 'parts', 'unprocessable').map(readPartInsert);
    const job = requireJob(context.world, identity);
    job.parts.push(...newParts);
    // Returns every part of the job, the inserted ones last.
    return { items: job.parts.map(partView) };
  },
};

export const partsList: MethodDefinition = {
  name: 'repairer.jobs.parts.list',
  role: 'repairer',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: { job_identity: EXAMPLE_JOB_IDENTITY },
  handle(context) {
    const identity = readJobIdentity(context.body.job_identity, 'bad_request', 'job_identity');
    return { items: requireJob(context.world, identity).parts.map(partView) };
  },
};

/** Reads one `PartInsertV1`: a non-empty description and a quantity above zero. */
function readPartInsert(value: unknown, index: number): Part {
  const fields = readObject(value, 'unprocessable', `parts[${index}]`);
  const { description, quantity } = fields;
  if (typeof description !== 'string' || description.length === 0) {
    invalidRequest('unprocessable', `parts[${index}].description is missing or empty`);
  }
  if (typeof quantity !== 'number' || !(quantity > 0)) {
    invalidRequest('unprocessable', `parts[${index}].quantity is missing or not above 0`);
  }
  return {
    id: randomUUID(),
    description,
    quantity,
    status: 'estimated',
    sellableId: randomUUID(),
    unitPriceCents: SEED.insertedPartPriceCents,
  };
}
