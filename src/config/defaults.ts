import type { Credentials, Fixtures, Timeouts } from './options.js';

/** The ids of the contract's demo world, which every fresh tenant of the mock holds. */
export const DEMO_FIXTURES: Fixtures = {
  jobExternal: 'CCC-2026-04817',
  repairerSiteId: '0b000000-0000-4000-8000-000000000001',
  workProviderId: '0a000000-0000-4000-8000-000000000020',
  procurementId: '10000000-0000-4000-8000-000000000001',
  sellableId: '0f000000-0000-4000-8000-000000000007',
  supplierBusinessId: '0b000000-0000-4000-8000-000000000010',
  jobPartId: '0e000000-0000-4000-8000-000000000004',
  vin: 'JTDBR32E730012345',
};

/** The pre-loaded demo credentials of the mock; they are secrets all the same and get redacted. */
export const DEMO_CREDENTIALS: Credentials = {
  repairer: {
    apiKey: 'partly_demo_repairer_3f8a1c0d9e2b4a67b1c2',
    integrationId: '0c000000-0000-4000-8000-000000000001',
  },
  supplier: {
    apiKey: 'partly_demo_supplier_8b4e2f1a6c0d3e9f7a25',
    integrationId: '0c000000-0000-4000-8000-000000000002',
  },
  oauth: {
    clientId: 'partly_client_demo',
    clientSecret: 'secret_demo_8f3a',
    accessCode: 'ac_demo_valid_15m',
  },
};

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 5_000,
  headersMs: 10_000,
  bodyMs: 10_000,
  totalMs: 30_000,
};

export const DEFAULTS = {
  spec: 'spec/partly-2026-01.openapi.json',
  extensionsSpec: 'spec/partly-2026-01.extensions.openapi.json',
  cases: 100,
  concurrency: 16,
  reports: 'reports',
  reporters: ['console', 'junit', 'json', 'html'],
  maxBodyBytes: 1024 * 1024,
} as const;
