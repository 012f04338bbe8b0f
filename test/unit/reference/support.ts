import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { DEMO_CREDENTIALS } from '../../../src/config/defaults.js';
import { type ReferenceTarget, startReferenceTarget } from '../../../src/reference/index.js';
import { loadCatalogue } from '../../../src/spec/index.js';
import type { Catalogue } from '../../../src/spec/types.js';

/** Which credential headers a call sends. */
export type CredentialName = 'repairer' | 'supplier' | 'none' | 'wrong' | 'mismatched';

export interface CallOptions {
  credential?: CredentialName;
  /** Explicit credential headers, used instead of `credential`. */
  auth?: { apiKey: string; integrationId: string };
  /** `x-partifact-tenant`; `null` sends no tenant header. */
  tenant?: string | null;
  verb?: string;
  /** Raw body text, sent as given instead of the JSON of `body`. */
  raw?: string;
  /** Path before `/api/2026-01/`. */
  prefix?: string;
}

export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

/** Fields of a JSON object body. */
export type Body = Record<string, unknown>;

export const SPEC_PATHS = {
  spec: 'spec/partly-2026-01.openapi.json',
  extensionsSpec: 'spec/partly-2026-01.extensions.openapi.json',
};

export function loadSpecCatalogue(): Promise<Catalogue> {
  return loadCatalogue(SPEC_PATHS);
}

interface SeedExample {
  method: string;
  credential: 'repairer' | 'supplier' | 'none';
  body: Body;
}

/** The example request of every method, from the API reference page. */
export function readSeedExamples(): SeedExample[] {
  const url = new URL('../../fixtures/seed-examples.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { examples: SeedExample[] }).examples;
}

/** Returns a tenant name no other test uses. */
export function freshTenant(): string {
  return `t-${randomUUID()}`;
}

function credentialHeaders(options: CallOptions): Record<string, string> {
  const pair = options.auth ?? pickCredential(options.credential ?? 'repairer');
  if (pair === undefined) {
    return {};
  }
  return { authorization: `Bearer ${pair.apiKey}`, 'partly-integration-id': pair.integrationId };
}

function pickCredential(
  name: CredentialName,
): { apiKey: string; integrationId: string } | undefined {
  switch (name) {
    case 'repairer':
      return DEMO_CREDENTIALS.repairer;
    case 'supplier':
      return DEMO_CREDENTIALS.supplier;
    case 'wrong':
      return { apiKey: 'partly_0123456789abcdef0123456789abcdef', integrationId: randomUUID() };
    case 'mismatched':
      return {
        apiKey: DEMO_CREDENTIALS.repairer.apiKey,
        integrationId: DEMO_CREDENTIALS.supplier.integrationId,
      };
    case 'none':
      return undefined;
  }
}

/** Sends one request to a method of the target and reads the whole response. */
export async function call(
  target: ReferenceTarget,
  method: string,
  body: unknown,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...credentialHeaders(options),
  };
  if (options.tenant !== null) {
    headers['x-partifact-tenant'] = options.tenant ?? 'default-test-tenant';
  }
  const verb = options.verb ?? 'POST';
  const text = options.raw ?? JSON.stringify(body);
  const response = await request(`${target.url}${options.prefix ?? ''}/api/2026-01/${method}`, {
    method: verb as 'POST',
    headers,
    body: verb === 'GET' || verb === 'HEAD' ? null : text,
  });
  const responseText = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text: responseText,
    json: parseJson(responseText),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Starts a target for one test file; close it in `afterAll`. */
export function startTarget(faults: string[] = []): Promise<ReferenceTarget> {
  return startReferenceTarget({ faults });
}

/** The seeded ids every fresh tenant holds. */
export const IDS = {
  jobExternal: 'CCC-2026-04817',
  jobId: '20000000-0000-4000-8000-000000004817',
  siteId: '0b000000-0000-4000-8000-000000000001',
  workProviderId: '0a000000-0000-4000-8000-000000000020',
  procurementId: '10000000-0000-4000-8000-000000000001',
  supplierBusinessId: '0b000000-0000-4000-8000-000000000010',
  bumperPartId: '0e000000-0000-4000-8000-000000000004',
  bumperSellableId: '0f000000-0000-4000-8000-000000000007',
  grillePartId: '0e000000-0000-4000-8000-000000000005',
  grilleSellableId: '0f000000-0000-4000-8000-000000000008',
  headlampPartId: '0e000000-0000-4000-8000-000000000003',
} as const;

export const SEED_JOB = { external: IDS.jobExternal };

/** Builds an offer selection of the seeded basket. */
export function selection(partId: string, sellableId: string, quantity = 1): Body {
  return {
    sellable_id: sellableId,
    supplier_business_id: IDS.supplierBusinessId,
    job_part_ids: [partId],
    quantity,
  };
}

/** Places a procurement for the bumper cover in the given tenant and returns its id. */
export async function placeBumperOrder(target: ReferenceTarget, tenant: string): Promise<string> {
  const response = await call(
    target,
    'repairer.procurements.insert',
    {
      job_identity: SEED_JOB,
      offer_selections: [selection(IDS.bumperPartId, IDS.bumperSellableId)],
    },
    { tenant },
  );
  if (response.status !== 200) {
    throw new Error(`procurements.insert returned ${response.status}: ${response.text}`);
  }
  return (response.json as { id: string }).id;
}
