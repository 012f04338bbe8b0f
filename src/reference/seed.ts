/**
 * The seeded world of the reference target, which every tenant starts from. The ids and
 * credentials of the contract's examples are fixed by the contract. The names, prices, extra
 * OAuth clients and the limited integration are this target's own choices.
 */

/** Identifiers and values of the seeded world. */
export const SEED = {
  repairerOrganization: {
    id: '0d000000-0000-4000-8000-000000000001',
    name: 'Riccarton Collision Group',
  },
  supplierOrganization: {
    id: '0d000000-0000-4000-8000-000000000002',
    name: 'Toyota Parts Network',
  },
  repairerSites: [
    { id: '0b000000-0000-4000-8000-000000000001', name: 'Riccarton Collision Repairs' },
    { id: '0b000000-0000-4000-8000-000000000002', name: 'Hornby Panel and Paint' },
  ],
  supplierBusiness: { id: '0b000000-0000-4000-8000-000000000010', name: 'Christchurch Toyota' },
  workProviders: [
    { id: '0a000000-0000-4000-8000-000000000020', name: 'Canterbury Mutual Insurance' },
    { id: '0a000000-0000-4000-8000-000000000021', name: 'Southern Fleet Services' },
  ],
  shippingAddress: {
    line1: '41 Riccarton Road',
    line2: null,
    city: 'Christchurch',
    region: 'Canterbury',
    postcode: '8011',
    country: 'NZ',
  },
  job: {
    id: '20000000-0000-4000-8000-000000004817',
    external: 'CCC-2026-04817',
    claimNumber: 'CLM-2026-118230',
    jobNumber: 'J-4817',
    siteId: '0b000000-0000-4000-8000-000000000001',
    workProviderId: '0a000000-0000-4000-8000-000000000020',
    vehicle: {
      vin: 'JTDBR32E730012345',
      make: 'Toyota',
      model: 'Corolla',
      year: 2019,
      registration: 'QZR417',
    },
    image: {
      id: '30000000-0000-4000-8000-000000000001',
      // `.invalid` is a reserved top-level domain, so this URL can never reach a real host.
      url: 'https://uploads.reference.invalid/jobs/CCC-2026-04817/front-left.jpg',
    },
    createdAt: '2026-01-12T21:30:00.000Z',
  },
  /**
   * Parts of the seeded job, with their basket offer. With 15% GST, ordering the two estimated
   * parts gives an invoice of NZD 1,099.00 (subtotal 955.65).
   */
  parts: [
    {
      id: '0e000000-0000-4000-8000-000000000003',
      description: 'Left headlamp assembly',
      quantity: 1,
      sellableId: '0f000000-0000-4000-8000-000000000006',
      unitPriceCents: 41_200,
      ordered: true,
    },
    {
      id: '0e000000-0000-4000-8000-000000000004',
      description: 'Front bumper cover assembly',
      quantity: 1,
      sellableId: '0f000000-0000-4000-8000-000000000007',
      unitPriceCents: 58_900,
      ordered: false,
    },
    {
      id: '0e000000-0000-4000-8000-000000000005',
      description: 'Radiator grille',
      quantity: 1,
      sellableId: '0f000000-0000-4000-8000-000000000008',
      unitPriceCents: 36_665,
      ordered: false,
    },
  ],
  /** The pre-seeded procurement: the headlamp, requested but not yet confirmed. */
  procurement: {
    id: '10000000-0000-4000-8000-000000000001',
    sourceItemId: '11000000-0000-4000-8000-000000000001',
    partId: '0e000000-0000-4000-8000-000000000003',
    reference: 'PO-CCC-2026-04817-1',
    createdAt: '2026-01-14T02:15:00.000Z',
  },
  /** Price of a part inserted after the seed, in cents, before tax. */
  insertedPartPriceCents: 12_000,
  /** Goods and services tax of the seeded world, in percent. */
  taxPercent: 15,
  currencyCode: 'NZD',
} as const;

/** Role of an integration credential. */
export type IntegrationRole = 'repairer' | 'supplier';

/** One integration credential that authenticates API calls. */
export interface IntegrationCredential {
  apiKey: string;
  integrationId: string;
  role: IntegrationRole;
  organizationId: string;
  /** False for an integration that lacks the scope to list its organization's businesses. */
  mayListBusinesses: boolean;
}

/**
 * Credentials every tenant accepts: the two demo pairs of the contract and one repairer
 * integration without the businesses scope, so that `businesses.list` can return `forbidden`.
 */
export const SEEDED_CREDENTIALS: readonly IntegrationCredential[] = [
  {
    apiKey: 'partly_demo_repairer_3f8a1c0d9e2b4a67b1c2',
    integrationId: '0c000000-0000-4000-8000-000000000001',
    role: 'repairer',
    organizationId: SEED.repairerOrganization.id,
    mayListBusinesses: true,
  },
  {
    apiKey: 'partly_demo_supplier_8b4e2f1a6c0d3e9f7a25',
    integrationId: '0c000000-0000-4000-8000-000000000002',
    role: 'supplier',
    organizationId: SEED.supplierOrganization.id,
    mayListBusinesses: true,
  },
  {
    apiKey: 'partly_demo_limited_5d2c8e1b7a4f09d3e6b1',
    integrationId: '0c000000-0000-4000-8000-000000000003',
    role: 'repairer',
    organizationId: SEED.repairerOrganization.id,
    mayListBusinesses: false,
  },
];

/**
 * State of an OAuth client, which decides the result of `integrations.insert` once the secret
 * matches. Only `install` mints a
 * key; the others exist so that every variant of the method's union is reachable.
 */
export type OAuthClientState = 'install' | 'revoked' | 'suspended' | 'oauth-not-supported';

/** One OAuth client known to `integrations.insert`. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  state: OAuthClientState;
}

/** OAuth clients; the first is the contract's demo grant. */
export const OAUTH_CLIENTS: readonly OAuthClient[] = [
  { clientId: 'partly_client_demo', clientSecret: 'secret_demo_8f3a', state: 'install' },
  { clientId: 'partly_client_revoked', clientSecret: 'secret_revoked_21c7', state: 'revoked' },
  {
    clientId: 'partly_client_suspended',
    clientSecret: 'secret_suspended_9e04',
    state: 'suspended',
  },
  {
    clientId: 'partly_client_legacy',
    clientSecret: 'secret_legacy_4b6d',
    state: 'oauth-not-supported',
  },
];

/** The single-use access code of the demo grant; any other code is invalid. */
export const DEMO_ACCESS_CODE = 'ac_demo_valid_15m';
