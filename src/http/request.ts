import { HarnessError } from '../errors.js';
import type { ExchangeRequest } from './types.js';

/** The path of every contract call before its method name: `POST <base>/api/2026-01/<method>`. */
export const API_PATH_PREFIX = '/api/2026-01/';

/** A body sent byte for byte as given, such as malformed JSON for a probe. */
export interface RawBody {
  raw: string;
}

/** A request to send; the client turns it into the recorded `ExchangeRequest`. */
export interface OutgoingRequest {
  /** Wire method name, such as `repairer.jobs.get`. */
  method: string;
  /** HTTP verb. Default: `POST`. */
  verb?: string;
  /** Path below the base URL's own path. Default: `/api/2026-01/<method>`. */
  path?: string;
  headers: Record<string, string>;
  /**
   * Body: a value is sent as JSON (with `content-type: application/json` unless a content type
   * is given), a `{ raw }` object (see `rawBody`) is sent as its text, undefined sends no body.
   */
  body?: unknown;
  /** Id of the exchange. Default: a random UUID. */
  id?: string;
}

/** Wraps text so the client sends it as is instead of encoding it as JSON. */
export function rawBody(text: string): RawBody {
  return { raw: text };
}

/**
 * Tells whether a body is a raw body: an object whose only key is `raw`, holding a string.
 * NOTE: a JSON body of exactly that shape is therefore sent unencoded. No request schema of the
 * contract has a `raw` property, so generated bodies never take that shape.
 */
export function isRawBody(body: unknown): body is RawBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  return keys.length === 1 && keys[0] === 'raw' && typeof (body as RawBody).raw === 'string';
}

/** The origin and the path prefix of a target's base URL. */
export interface BaseUrl {
  origin: string;
  /** Path of the base URL without its trailing slash; `` when it has none. */
  prefix: string;
}

/** Splits a base URL into origin and path prefix; throws a config error for a bad URL. */
export function parseBaseUrl(baseUrl: string): BaseUrl {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw invalidBaseUrl(baseUrl, error);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidBaseUrl(baseUrl);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

function invalidBaseUrl(baseUrl: string, cause?: unknown): HarnessError {
  return new HarnessError(
    'HARNESS_CONFIG_INVALID',
    `Invalid target URL ${JSON.stringify(baseUrl)}: use http(s)://host[:port][/prefix]`,
    { cause },
  );
}

/** Builds the request record: full URL, verb, headers with the content type, encoded body. */
export function buildExchangeRequest(request: OutgoingRequest, base: BaseUrl): ExchangeRequest {
  const path = request.path ?? `${API_PATH_PREFIX}${request.method}`;
  const headers = { ...request.headers };
  const body = encodeBody(request.body);

  const isJson = body !== undefined && !isRawBody(request.body);
  if (isJson && !hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';

  return {
    method: request.method,
    url: `${base.origin}${base.prefix}${path.startsWith('/') ? path : `/${path}`}`,
    verb: request.verb ?? 'POST',
    headers,
    body,
  };
}

function encodeBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  if (isRawBody(body)) return body.raw;
  return JSON.stringify(body);
}

/** Tells whether `headers` has `name`, compared without case. */
export function hasHeader(headers: Record<string, string>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === wanted);
}
