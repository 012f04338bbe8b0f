import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApiError, type Variant } from '../api-error.js';
import type { MethodContext, MethodDefinition } from '../method-types.js';
import { readString } from '../request-fields.js';
import {
  DEMO_ACCESS_CODE,
  OAUTH_CLIENTS,
  type OAuthClient,
  type OAuthClientState,
  SEED,
} from '../seed.js';

/** The error each non-installable client state gives once the secret matched. */
const STATE_VARIANT: Record<Exclude<OAuthClientState, 'install'>, Variant> = {
  revoked: 'unauthorized',
  suspended: 'forbidden',
  'oauth-not-supported': 'o_auth_not_supported_by_integration',
};

/**
 * Exchanges an OAuth client and access code for a new repairer API key of the seeded
 * organization. Checks run in this order: client known, secret, client state, access code.
 * The demo access code works once per world.
 */
export const integrationsInsert: MethodDefinition = {
  name: 'integrations.insert',
  role: 'none',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: {
    access_code: DEMO_ACCESS_CODE,
    client_id: 'partly_client_demo',
    client_secret: 'secret_demo_8f3a',
  },
  handle(context) {
    const accessCode = readString(context.body, 'access_code', 'bad_request');
    const clientId = readString(context.body, 'client_id', 'bad_request');
    const clientSecret = readString(context.body, 'client_secret', 'bad_request');

    const client = OAUTH_CLIENTS.find((candidate) => candidate.clientId === clientId);
    if (client === undefined) {
      throw new ApiError('integration_not_found', 'unknown client_id');
    }
    if (!isSecretEqual(clientSecret, client.clientSecret)) {
      throw new ApiError('invalid_client_secret', 'client_secret does not match');
    }
    checkClientState(client);
    redeemAccessCode(context, accessCode);
    return mintCredential(context);
  },
};

/** Compares secrets in constant time by comparing their SHA-256 digests. */
function isSecretEqual(received: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(received), digest(expected));
}

function checkClientState(client: OAuthClient): void {
  if (client.state !== 'install') {
    throw new ApiError(STATE_VARIANT[client.state], `client state ${client.state}`);
  }
}

function redeemAccessCode(context: MethodContext, accessCode: string): void {
  const reusable = context.faults.has('access-code-reusable');
  if (accessCode !== DEMO_ACCESS_CODE || (context.world.accessCodeUsed && !reusable)) {
    throw new ApiError('invalid_access_code', 'access code unknown or already used');
  }
  context.world.accessCodeUsed = true;
}

/** Mints `partly_` + 32 lowercase hex characters and stores it as a repairer credential. */
function mintCredential(context: MethodContext): Record<string, unknown> {
  const apiKey = `partly_${randomBytes(16).toString('hex')}`;
  const integrationId = randomUUID();
  context.world.mintedCredentials.set(apiKey, {
    apiKey,
    integrationId,
    role: 'repairer',
    organizationId: SEED.repairerOrganization.id,
    mayListBusinesses: true,
  });
  return { api_key: apiKey, integration_id: integrationId };
}
