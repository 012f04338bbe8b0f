import { randomUUID } from 'node:crypto';
import { ApiError, invalidRequest } from '../api-error.js';
import type { MethodDefinition } from '../method-types.js';
import { type Fields, isObject, readArray, readString } from '../request-fields.js';
import { SEED } from '../seed.js';

/** Lists the businesses of the caller's organization: the repair sites, or the supplier branch. */
export const businessesList: MethodDefinition = {
  name: 'businesses.list',
  role: 'any',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  needsBusinessesScope: true,
  example: {},
  handle(context) {
    const businesses =
      context.caller.organizationId === SEED.repairerOrganization.id
        ? SEED.repairerSites
        : [SEED.supplierBusiness];
    return { items: businesses.map((business) => ({ ...business })) };
  },
};

export const workProvidersList: MethodDefinition = {
  name: 'repairer.work-providers.list',
  role: 'repairer',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: {},
  handle() {
    return { items: SEED.workProviders.map((provider) => ({ ...provider })) };
  },
};

/** VINs of 17 characters without I, O or Q; the check digit is not verified. */
const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/i;

/**
 * Accepts 1 to 100 identifiers and reports the unusable ones with 200. A request outside those
 * bounds is `bad_request`, outside the union, which holds only `unauthorized`.
 */
export const tier1Prepare: MethodDefinition = {
  name: 'tier1.prepare',
  role: 'any',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: { identifiers: [{ vin: 'JTDBR32E730012345' }] },
  handle(context) {
    const identifiers = readArray(context.body, 'identifiers', 'bad_request');
    if (identifiers.length < 1 || identifiers.length > 100) {
      invalidRequest('bad_request', `identifiers holds ${identifiers.length} items, not 1 to 100`);
    }
    const invalid = identifiers.filter((identifier, index) => !isUsable(identifier, index));
    return {
      invalid_identifiers: invalid.map((identifier) => ({
        identifier,
        reason: 'vin' in (identifier as Fields) ? 'invalid_vin' : 'invalid_vrm',
      })),
    };
  },
};

/** Validates one `Tier1IdentifierV1` (`{vin}` or `{vrm: {location, vrm?}}`, exactly one). */
function isUsable(value: unknown, index: number): boolean {
  if (!isObject(value)) {
    invalidRequest('bad_request', `identifiers[${index}] is not an object`);
  }
  const vrm = value.vrm;
  const isVin = typeof value.vin === 'string';
  const isVrm = isObject(vrm) && typeof vrm.location === 'string' && isOptionalString(vrm.vrm);
  if (isVin === isVrm) {
    invalidRequest('bad_request', `identifiers[${index}] needs exactly one of vin or vrm`);
  }
  if (isVin) {
    return VIN_PATTERN.test(value.vin as string);
  }
  const plate = (vrm as Fields).vrm as string | undefined;
  return plate !== undefined && plate.trim() !== '' && (vrm as Fields).location !== '';
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/**
 * Prepares an upload URL. Only `media_type` `image` and `type` `job_media` are known; other
 * values are well-formed but `unprocessable`.
 */
export const uploadsPrepare: MethodDefinition = {
  name: 'uploads.prepare',
  role: 'repairer',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'unprocessable',
  example: { file_name: 'estimate.jpg', media_type: 'image', type: 'job_media' },
  handle(context) {
    const fileName = readString(context.body, 'file_name', 'unprocessable');
    const mediaType = readString(context.body, 'media_type', 'unprocessable');
    const uploadType = readString(context.body, 'type', 'unprocessable');
    if (mediaType !== 'image' || uploadType !== 'job_media') {
      throw new ApiError('unprocessable', `unsupported upload ${mediaType}/${uploadType}`);
    }
    const key = `${randomUUID()}/${encodeURIComponent(fileName)}`;
    // `.invalid` is a reserved top-level domain: nothing can be uploaded to these URLs.
    return {
      upload_url: `https://uploads.reference.invalid/${key}?signature=reference`,
      public_url: `https://media.reference.invalid/${key}`,
    };
  },
};
