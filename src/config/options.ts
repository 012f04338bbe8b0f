/** Values the target must already hold; the demo world of the contract by default. */
export interface Fixtures {
  /** External reference of a job that exists. */
  jobExternal: string;
  /** Id of a site of the repairer's organization. */
  repairerSiteId: string;
  /** Id of a work provider of the repairer. */
  workProviderId: string;
  /** Id of a procurement the repairer and the supplier can both read. */
  procurementId: string;
  /** Offer selection that the basket of `jobExternal` can fill. */
  sellableId: string;
  supplierBusinessId: string;
  jobPartId: string;
  /** A VIN for `tier1.prepare`. */
  vin: string;
}

export interface Credential {
  apiKey: string;
  integrationId: string;
}

export interface OAuthGrant {
  clientId: string;
  clientSecret: string;
  accessCode: string;
}

export interface Credentials {
  repairer: Credential;
  supplier: Credential;
  oauth: OAuthGrant;
}

export type Profile = 'gate' | 'certify';

export type ReporterName = 'console' | 'junit' | 'json' | 'html' | 'github';

export interface Timeouts {
  /** Milliseconds to open a connection. */
  connectMs: number;
  /** Milliseconds from request sent to response headers. */
  headersMs: number;
  /** Milliseconds allowed between body chunks. */
  bodyMs: number;
  /** Milliseconds for a whole exchange, body included. */
  totalMs: number;
}

/** Options of `harness.config.ts`; every one can also come from a CLI flag. */
export interface HarnessOptions {
  /**
   * Base URL of the target; a path prefix is kept. Default: the embedded reference target,
   * started on a loopback port for the run.
   * @example target: 'https://partifact-mock.example.test'
   */
  target?: string;
  /** Path or URL of the pinned wire spec. Default: `spec/partly-2026-01.openapi.json`. */
  spec?: string;
  /** Path or URL of the extension spec, or `false` to leave the 3 extensions out. */
  extensionsSpec?: string | false;
  /** Seed of every generator. Default: a random seed, printed and recorded. */
  seed?: number;
  /** Valid and invalid cases per method (each). Default: 100. */
  cases?: number;
  /** Requests in flight at once. Default: 16. */
  concurrency?: number;
  /** Folder the reports are written to. Default: `reports`. */
  reports?: string;
  /** Reporters to run. Default: console, junit, json, html. */
  reporters?: ReporterName[];
  /** Count warnings (checks resting on inferred facts) as failures. Default: false. */
  strict?: boolean;
  /** `gate` sends everything; `certify` sends no state-changing call unless allowed. */
  profile?: Profile;
  /** Methods a certification run may call even though they change state. */
  allowWrites?: string[];
  /** Most requests one run may send. Default: no limit. */
  maxRequests?: number;
  /** Most requests per second, such as `10/s`. Default: no limit. */
  rate?: string;
  /**
   * `x-partifact-tenant` value. Default: a fresh random tenant per run in the gate profile, none
   * in the certify profile. `false` sends no tenant header.
   */
  tenant?: string | false;
  timeouts?: Partial<Timeouts>;
  /** Largest response body read, in bytes; a larger one is a finding. Default: 1 MiB. */
  maxBodyBytes?: number;
  /** Credentials; each falls back to its `PARTLY_*` environment variable, then the demo one. */
  credentials?: {
    repairer?: Partial<Credential>;
    supplier?: Partial<Credential>;
    oauth?: Partial<OAuthGrant>;
  };
  fixtures?: Partial<Fixtures>;
  /** Fault switches of the embedded reference target (ignored with `target`). */
  faults?: string[];
  /** `i/n`: run only the i-th of n deterministic slices of the planned cases. */
  shard?: string;
}

export interface ResolvedOptions {
  target: string | undefined;
  spec: string;
  extensionsSpec: string | false;
  seed: number;
  cases: number;
  concurrency: number;
  reports: string;
  reporters: ReporterName[];
  strict: boolean;
  profile: Profile;
  allowWrites: string[];
  maxRequests: number | undefined;
  /** Requests per second; undefined is no limit. */
  ratePerSecond: number | undefined;
  tenant: string | false;
  timeouts: Timeouts;
  maxBodyBytes: number;
  credentials: Credentials;
  fixtures: Fixtures;
  faults: string[];
  shard: { index: number; count: number } | undefined;
}

/** Identity function that gives `harness.config.ts` its types. */
export function defineConfig(options: HarnessOptions): HarnessOptions {
  return options;
}
