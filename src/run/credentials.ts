import type { CredentialKind } from '../checks/types.js';
import type { Credential, ResolvedOptions } from '../config/options.js';
import type { Role } from '../spec/types.js';

/** A key of the right form that no deployment issued; it must be rejected as unauthorized. */
const WRONG_CREDENTIAL: Credential = {
  apiKey: 'partly_00000000000000000000000000000000',
  integrationId: '0c000000-0000-4000-8000-0000000000ff',
};

/** Builds the request headers of one case: auth for its credential, the tenant, the body type. */
export class HeaderFactory {
  private minted: Credential | undefined;

  constructor(private readonly options: ResolvedOptions) {}

  /** Registers the pair that `integrations.insert` minted, for the `minted` credential. */
  setMinted(credential: Credential): void {
    this.minted = credential;
  }

  credential(kind: CredentialKind): Credential | undefined {
    switch (kind) {
      case 'repairer':
        return this.options.credentials.repairer;
      case 'supplier':
        return this.options.credentials.supplier;
      case 'minted':
        return this.minted;
      case 'wrong':
        return WRONG_CREDENTIAL;
      case 'none':
        return undefined;
    }
  }

  headers(
    kind: CredentialKind,
    tenant: string | false = this.options.tenant,
  ): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const credential = this.credential(kind);
    if (credential) {
      headers.authorization = `Bearer ${credential.apiKey}`;
      headers['partly-integration-id'] = credential.integrationId;
    }
    if (tenant !== false) {
      headers['x-partifact-tenant'] = tenant;
    }
    return headers;
  }
}

/** The credential a valid case of a method sends: its role's, or none for the unauthenticated. */
export function credentialForRole(role: Role): CredentialKind {
  if (role === 'none') {
    return 'none';
  }
  return role === 'supplier' ? 'supplier' : 'repairer';
}

/** Returns the credential of the other role, for the role matrix, or undefined when any role may call. */
export function wrongRoleFor(role: Role): CredentialKind | undefined {
  if (role === 'repairer') {
    return 'supplier';
  }
  if (role === 'supplier') {
    return 'repairer';
  }
  return undefined;
}
