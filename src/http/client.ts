import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { Timeouts } from '../config/options.js';
import { HarnessError } from '../errors.js';
import { type Clock, systemClock } from './clock.js';
import { DeadlineQueue } from './deadlines.js';
import { decodeBody } from './decode-body.js';
import { exchangeOnPool } from './pool-exchange.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import {
  type BaseUrl,
  buildExchangeRequest,
  type OutgoingRequest,
  parseBaseUrl,
} from './request.js';
import { parseRetryAfter } from './retry-after.js';
import { createSemaphore, type Semaphore } from './semaphore.js';
import { toTransportError } from './transport-error.js';
import type {
  Exchange,
  ExchangeRequest,
  ExchangeResponse,
  TransportError,
  TransportErrorCode,
} from './types.js';

/** Settings of one client, which talks to one target. */
export interface ClientOptions {
  /** Base URL of the target; its path is kept as a prefix (`https://host/prefix`). */
  baseUrl: string;
  timeouts: Timeouts;
  /** Largest decoded response body read, in bytes; past it the exchange gets `body-too-large`. */
  maxBodyBytes: number;
  /** Requests in flight at once, and the number of sockets. */
  concurrency: number;
  /** Maximum requests sent, 429 retries included. Default: no limit. */
  maxRequests?: number;
  /** Maximum requests started per second. Default: no limit. */
  ratePerSecond?: number;
  /** Maximum wait for one `Retry-After`, in milliseconds. Default: 30 000. */
  maxRetryAfterMs?: number;
  /** Maximum retries of one request after a 429. No other status is retried. Default: 2. */
  maxRetries?: number;
  /** Time source of the rate limit and the `Retry-After` waits. Default: the system clock. */
  clock?: Clock;
  /**
   * Milliseconds an idle socket is kept for reuse. Default: 4 000, below the 5 s after which a
   * Node.js server closes idle sockets, so the client never sends on a socket being closed.
   */
  keepAliveTimeoutMs?: number;
}

/** Counters of one client. */
export interface ClientStats {
  /** Requests sent, 429 retries included. */
  sent: number;
  /** Retries after a 429. */
  retried429: number;
  /** The request budget is spent. */
  budgetExhausted: boolean;
  /** Requests not sent because the budget was spent. */
  rejectedByBudget: number;
  /** Requests in flight right now. */
  inFlight: number;
  /** Maximum requests in flight at once so far. */
  maxInFlight: number;
  /** Exchanges that ended in a transport error, by code. */
  transportErrors: Partial<Record<TransportErrorCode, number>>;
}

/** An HTTP client bound to one target. */
export interface HttpClient {
  /** Sends a request and returns its exchange; rejects only on a programming error. */
  send(request: OutgoingRequest): Promise<Exchange>;
  stats(): ClientStats;
  /** Waits for the requests in flight, then closes every socket. */
  close(): Promise<void>;
}

export type { OutgoingRequest, RawBody } from './request.js';
export { API_PATH_PREFIX, rawBody } from './request.js';

const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
/** Wait before retrying a 429 that names no valid `Retry-After`. */
const DEFAULT_RETRY_WAIT_MS = 1_000;
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 4_000;

interface ClientState {
  options: ClientOptions;
  base: BaseUrl;
  pool: Pool;
  clock: Clock;
  slots: Semaphore;
  /** The total deadline of every exchange in flight. */
  deadlines: DeadlineQueue;
  rateLimiter: RateLimiter | undefined;
  stats: ClientStats;
  closed: boolean;
}

/**
 * Creates a client over a keep-alive undici pool with one socket per concurrent request. It
 * never follows redirects, sends no `accept-encoding` of its own, bounds every exchange by the
 * timeouts and the body cap, and turns every transport failure into `Exchange.error`.
 */
export function createClient(options: ClientOptions): HttpClient {
  const state = createState(options);
  return {
    send: (request) => sendWithRetries(state, request),
    stats: () => snapshotStats(state),
    close: async () => {
      state.closed = true;
      await state.pool.close();
    },
  };
}

function createState(options: ClientOptions): ClientState {
  const base = parseBaseUrl(options.baseUrl);
  const clock = options.clock ?? systemClock;
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  const pool = new Pool(base.origin, {
    connections: Math.max(1, options.concurrency),
    connect: { timeout: options.timeouts.connectMs },
    headersTimeout: options.timeouts.headersMs,
    bodyTimeout: options.timeouts.bodyMs,
    keepAliveTimeout,
    keepAliveMaxTimeout: keepAliveTimeout,
  });
  const rate = options.ratePerSecond;

  return {
    options,
    base,
    pool,
    clock,
    slots: createSemaphore(options.concurrency),
    deadlines: new DeadlineQueue(options.timeouts.totalMs),
    rateLimiter: rate === undefined ? undefined : createRateLimiter(rate, clock),
    stats: {
      sent: 0,
      retried429: 0,
      budgetExhausted: false,
      rejectedByBudget: 0,
      inFlight: 0,
      maxInFlight: 0,
      transportErrors: {},
    },
    closed: false,
  };
}

function snapshotStats(state: ClientState): ClientStats {
  return {
    ...state.stats,
    inFlight: state.slots.active(),
    maxInFlight: state.slots.peak(),
    transportErrors: { ...state.stats.transportErrors },
  };
}

async function sendWithRetries(state: ClientState, outgoing: OutgoingRequest): Promise<Exchange> {
  if (state.closed) throw new HarnessError('HARNESS_INTERNAL', 'HTTP client used after close');
  const id = outgoing.id ?? randomUUID();
  const request = buildExchangeRequest(outgoing, state.base);
  const maxRetries = state.options.maxRetries ?? DEFAULT_MAX_RETRIES;

  for (let retries = 0; ; retries += 1) {
    const exchange = await sendOnce(state, id, request);
    if (retries > 0) exchange.retries = retries;
    if (exchange.response?.status !== 429 || retries >= maxRetries || isBudgetSpent(state)) {
      countError(state, exchange.error);
      return exchange;
    }

    await state.clock.sleep(retryWait(state, exchange.response));
    state.stats.retried429 += 1;
  }
}

function retryWait(state: ClientState, response: ExchangeResponse): number {
  const cap = state.options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const wait = parseRetryAfter(response.headers['retry-after'], state.clock.now());
  return Math.min(wait ?? DEFAULT_RETRY_WAIT_MS, cap);
}

function isBudgetSpent(state: ClientState): boolean {
  const max = state.options.maxRequests;
  return max !== undefined && state.stats.sent >= max;
}

function countError(state: ClientState, error: TransportError | undefined): void {
  if (!error) return;
  const counts = state.stats.transportErrors;
  counts[error.code] = (counts[error.code] ?? 0) + 1;
}

/** Sends one request once the budget, a free slot and the rate limit allow it. */
async function sendOnce(
  state: ClientState,
  id: string,
  request: ExchangeRequest,
): Promise<Exchange> {
  if (isBudgetSpent(state)) return rejectForBudget(state, id, request);

  await state.slots.acquire();
  try {
    await state.rateLimiter?.take();

    // Checked again because other requests may have spent the budget while this one waited.
    if (isBudgetSpent(state)) return rejectForBudget(state, id, request);
    if (state.closed) return abortedBeforeSending(state, id, request);
    state.stats.sent += 1;
    state.stats.budgetExhausted = isBudgetSpent(state);
    return await dispatch(state, id, request);
  } finally {
    state.slots.release();
  }
}

function rejectForBudget(state: ClientState, id: string, request: ExchangeRequest): Exchange {
  state.stats.budgetExhausted = true;
  state.stats.rejectedByBudget += 1;
  const message = `request budget of ${state.options.maxRequests} requests is spent, not sent`;
  return unsent(state, id, request, { code: 'budget-exhausted', message });
}

function abortedBeforeSending(state: ClientState, id: string, request: ExchangeRequest): Exchange {
  const message = 'client closed before the request was sent';
  return unsent(state, id, request, { code: 'aborted', message });
}

function unsent(
  state: ClientState,
  id: string,
  request: ExchangeRequest,
  error: TransportError,
): Exchange {
  const startedAt = new Date(state.clock.now()).toISOString();
  return { id, request, error, startedAt, durationMs: 0 };
}

/** Sends the request and reads its response under the timeouts, the deadline and the cap. */
async function dispatch(
  state: ClientState,
  id: string,
  request: ExchangeRequest,
): Promise<Exchange> {
  const startedAt = new Date(state.clock.now()).toISOString();
  const start = performance.now();
  const { timeouts } = state.options;
  const outcome = await exchangeOnce(state, request, timeouts);
  const durationMs = Math.round(performance.now() - start);

  const exchange: Exchange = { id, request, startedAt, durationMs };
  if (outcome.response) exchange.response = outcome.response;
  if (outcome.error) exchange.error = outcome.error;
  return exchange;
}

interface Outcome {
  response?: ExchangeResponse;
  error?: TransportError;
}

async function exchangeOnce(
  state: ClientState,
  request: ExchangeRequest,
  timeouts: Timeouts,
): Promise<Outcome> {
  const outcome = await exchangeOnPool(
    state.pool,
    {
      path: request.url.slice(state.base.origin.length),
      verb: request.verb,
      headers: request.headers,
      body: request.body,
    },
    state.options.maxBodyBytes,
    state.deadlines,
  );
  const { head, body: read } = outcome;
  if (head === undefined || read === undefined) {
    return { error: classifyOrThrow(outcome.error, request, timeouts) };
  }

  const cap = state.options.maxBodyBytes;
  const complete = !read.tooLarge && read.error === undefined;
  const response: ExchangeResponse = {
    status: head.status,
    headers: head.headers,
    bodyBytes: read.bytesRead,
    ...decodeBody(read.bytes, complete),
  };

  if (read.tooLarge) {
    const message = `body passed the cap of ${cap} bytes, reading stopped`;
    return { response, error: { code: 'body-too-large', message } };
  }
  if (read.error !== undefined) return { response, error: classifyBodyError(read.error, timeouts) };
  return { response };
}

/** Rethrows the errors that are the harness's fault: a request undici cannot send, a bug. */
function classifyOrThrow(
  error: unknown,
  request: ExchangeRequest,
  timeouts: Timeouts,
): TransportError {
  if ((error as { code?: unknown } | null)?.code === 'UND_ERR_INVALID_ARG') {
    const reason = (error as Error).message;
    const message = `Request ${request.verb} ${request.url} cannot be sent: ${reason}`;
    throw new HarnessError('HARNESS_INTERNAL', message, { cause: error });
  }

  const transportError = toTransportError(error, timeouts);
  if (transportError) return transportError;
  throw error;
}

/**
 * Classifies an error of the body stream. A body fails only because of the target's bytes or
 * connection, so an error without a known code is still recorded, not thrown.
 */
function classifyBodyError(error: unknown, timeouts: Timeouts): TransportError {
  const transportError = toTransportError(error, timeouts);
  if (transportError) return transportError;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'invalid-response', message: `body failed: ${message.replace(/\s+/g, ' ')}` };
}
