import type { IncomingHttpHeaders } from 'node:http';
import type { Role } from '../spec/types.js';
import { ApiError } from './api-error.js';
import type { FaultSet } from './faults.js';
import { canonicalUuid, isUuid } from './request-fields.js';
import { type IntegrationCredential, type IntegrationRole, SEEDED_CREDENTIALS } from './seed.js';
import type { World } from './world.js';

/** The integration a request is made by. */
export interface Caller {
  role: IntegrationRole | 'anonymous';
  organizationId: string;
  integrationId: string;
  mayListBusinesses: boolean;
}

/** The caller of `integrations.insert`, which takes no credentials. */
export const ANONYMOUS_CALLER: Caller = {
  role: 'anonymous',
  organizationId: '',
  integrationId: '',
  mayListBusinesses: false,
};

const SEEDED_BY_KEY: ReadonlyMap<string, IntegrationCredential> = new Map(
  SEEDED_CREDENTIALS.map((credential) => [credential.apiKey, credential]),
);

const BEARER_PATTERN = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Authenticates a request and enforces the method's role: unknown or mismatched credentials
 * raise `unauthorized` (401) first, then a credential of the wrong role or without a needed
 * scope raises `forbidden` (403).
 */
export function authorize(
  headers: IncomingHttpHeaders,
  world: World,
  method: { role: Role; needsBusinessesScope?: boolean },
  faults: FaultSet,
): Caller {
  const role = method.role;
  if (role === 'none') {
    return ANONYMOUS_CALLER;
  }
  const credential = findCredential(headers, world);
  if (credential === undefined) {
    if (faults.has('auth-ignored')) {
      return toCaller(fallbackCredential(role));
    }
    throw new ApiError('unauthorized', 'missing or unknown API key or integration id');
  }
  if (!isRoleAllowed(role, credential.role) && !faults.has('role-not-enforced')) {
    throw new ApiError('forbidden', `a ${credential.role} credential may not call this method`);
  }
  // A scope, unlike the role, is enforced under the role-not-enforced fault too.
  if (method.needsBusinessesScope === true && !credential.mayListBusinesses) {
    throw new ApiError('forbidden', 'the integration lacks the businesses scope');
  }
  return toCaller(credential);
}

function findCredential(
  headers: IncomingHttpHeaders,
  world: World,
): IntegrationCredential | undefined {
  const apiKey = BEARER_PATTERN.exec(headers.authorization ?? '')?.[1];
  const integrationId = headers['partly-integration-id'];
  if (apiKey === undefined || !isUuid(integrationId)) {
    return undefined;
  }
  const credential = SEEDED_BY_KEY.get(apiKey) ?? world.mintedCredentials.get(apiKey);
  // A key presented with another integration's id is as invalid as an unknown key.
  if (credential === undefined || credential.integrationId !== canonicalUuid(integrationId)) {
    return undefined;
  }
  return credential;
}

function isRoleAllowed(required: Role, actual: IntegrationRole): boolean {
  return required === 'any' || required === actual;
}

/** Returns the demo credential an unauthenticated request acts as under `auth-ignored`. */
function fallbackCredential(role: Role): IntegrationCredential {
  const expected: IntegrationRole = role === 'supplier' ? 'supplier' : 'repairer';
  const credential = SEEDED_CREDENTIALS.find((candidate) => candidate.role === expected);
  if (credential === undefined) {
    throw new Error(`No seeded ${expected} credential`);
  }
  return credential;
}

function toCaller(credential: IntegrationCredential): Caller {
  return {
    role: credential.role,
    organizationId: credential.organizationId,
    integrationId: credential.integrationId,
    mayListBusinesses: credential.mayListBusinesses,
  };
}
