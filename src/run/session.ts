import type { GeneratorContext } from '../../generators/index.js';
import { createKnownIds } from '../../generators/index.js';
import type { Finding } from '../checks/types.js';
import type { ResolvedOptions } from '../config/options.js';
import { createWireObserver, type WireObserver } from '../drift/wire.js';
import { createClient, type HttpClient } from '../http/client.js';
import { createRedactor, type Redactor } from '../http/redact.js';
import { loadCatalogue } from '../spec/index.js';
import type { Catalogue } from '../spec/types.js';
import { Aggregator } from './aggregate.js';
import { HeaderFactory } from './credentials.js';
import type { SequenceResult } from './results.js';

/**
 * The state of one run inside the process that sends the requests: one client (so the budget and
 * the rate hold across every suite), one redactor, and the counters.
 */
export interface RunSession {
  options: ResolvedOptions;
  targetUrl: string;
  catalogue: Catalogue;
  client: HttpClient;
  redactor: Redactor;
  headers: HeaderFactory;
  aggregator: Aggregator;
  observer: WireObserver;
  generators: GeneratorContext;
  sequences: SequenceResult[];
  sequenceFindings: Finding[];
  /** Set once the discovery step has read the target's ids. */
  discovered: boolean;
  /** Set when the run stopped sending because the target gave no response many times in a row. */
  silentTarget: boolean;
}

/** Registers every configured secret under the environment variable name a reader would export. */
export function createRunRedactor(options: ResolvedOptions): Redactor {
  const redactor = createRedactor([]);
  const { repairer, supplier, oauth } = options.credentials;
  redactor.add(repairer.apiKey, 'PARTLY_REPAIRER_API_KEY');
  redactor.add(supplier.apiKey, 'PARTLY_SUPPLIER_API_KEY');
  redactor.add(oauth.clientSecret, 'PARTLY_OAUTH_CLIENT_SECRET');
  redactor.add(oauth.accessCode, 'PARTLY_OAUTH_ACCESS_CODE');
  return redactor;
}

export async function createSession(
  options: ResolvedOptions,
  targetUrl: string,
): Promise<RunSession> {
  const catalogue = await loadCatalogue({
    spec: options.spec,
    extensionsSpec: options.extensionsSpec,
  });
  const client = createClient({
    baseUrl: targetUrl,
    timeouts: options.timeouts,
    maxBodyBytes: options.maxBodyBytes,
    concurrency: options.concurrency,
    ...(options.maxRequests === undefined ? {} : { maxRequests: options.maxRequests }),
    ...(options.ratePerSecond === undefined ? {} : { ratePerSecond: options.ratePerSecond }),
  });
  return {
    options,
    targetUrl,
    catalogue,
    client,
    redactor: createRunRedactor(options),
    headers: new HeaderFactory(options),
    aggregator: new Aggregator(),
    observer: createWireObserver(),
    generators: {
      fixtures: options.fixtures,
      known: createKnownIds(),
      oauth: options.credentials.oauth,
    },
    sequences: [],
    sequenceFindings: [],
    discovered: false,
    silentTarget: false,
  };
}

let current: { key: string; session: Promise<RunSession> } | undefined;

/**
 * Returns the session of this process for the given run, creating it on first use. Suites of one
 * run share it; a different run (another key) replaces it.
 */
export function getSession(options: ResolvedOptions, targetUrl: string): Promise<RunSession> {
  const key = JSON.stringify([targetUrl, options.seed, options.tenant, options.shard]);
  if (current?.key !== key) {
    current = { key, session: createSession(options, targetUrl) };
  }
  return current.session;
}

/** Forgets the session of this process and closes its client. */
export async function closeSession(): Promise<void> {
  const session = await current?.session.catch(() => undefined);
  current = undefined;
  await session?.client.close();
}
