import type { Exchange, ExchangeResponse } from '../http/types.js';
import type { ErrorStyle, ErrorVariant, MethodEntry } from '../spec/types.js';
import type { CaseInfo, CheckContext, CheckOutcome, FindingDraft, Severity } from './types.js';

/**
 * Status of a rate-limited response. No check judges it, because a 429 means the target throttled
 * the harness, not that it broke the contract.
 */
export const RATE_LIMITED_STATUS = 429;

/**
 * Transport error codes of exchanges the harness itself stopped: the request budget was spent, or
 * the client was closed or aborted. The target is not to blame for those.
 */
const STOPPED_BY_HARNESS_CODES: ReadonlySet<string> = new Set(['budget-exhausted', 'aborted']);

/** Outcome of a check that could not judge the exchange. */
export function noEvidence(): CheckOutcome {
  return { evidence: false, findings: [] };
}

/** Outcome of a check that judged the exchange. An empty list of findings means it passed. */
export function withEvidence(findings: FindingDraft[]): CheckOutcome {
  return { evidence: true, findings };
}

/** Returns `warning` when the rule rests on an inferred fact, else `failure`. */
export function severityFor(inferred: boolean): Severity {
  return inferred ? 'warning' : 'failure';
}

/** Reads the status as an integer; a malformed record reads as 0, which no rule accepts. */
export function readStatus(response: ExchangeResponse): number {
  const status: unknown = response.status;
  return typeof status === 'number' && Number.isInteger(status) ? status : 0;
}

export function isRateLimited(exchange: Exchange): boolean {
  return exchange.response !== undefined && readStatus(exchange.response) === RATE_LIMITED_STATUS;
}

/** Returns whether the harness itself stopped the exchange, which then proves nothing. */
export function wasStoppedByHarness(exchange: Exchange): boolean {
  return exchange.error !== undefined && STOPPED_BY_HARNESS_CODES.has(exchange.error.code);
}

/** Returns the response when a check may judge its status: present and not rate limited. */
export function judgeableResponse(exchange: Exchange): ExchangeResponse | undefined {
  if (exchange.response === undefined || isRateLimited(exchange)) {
    return undefined;
  }
  return exchange.response;
}

/**
 * Returns the response when a check may judge its body too: judgeable, and no transport error
 * cut the body short (a body over the size cap keeps its status but loses its tail).
 */
export function completeResponse(exchange: Exchange): ExchangeResponse | undefined {
  return exchange.error === undefined ? judgeableResponse(exchange) : undefined;
}

/**
 * Returns the complete 4xx response of a method whose errors take the given style, the response
 * an error-style check judges; undefined for any other exchange.
 */
export function styledClientError(
  context: CheckContext,
  style: ErrorStyle,
): ExchangeResponse | undefined {
  const response = completeResponse(context.exchange);
  if (context.method.errorStyle !== style || response === undefined) {
    return undefined;
  }
  return isClientError(readStatus(response)) ? response : undefined;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

export function isRedirect(status: number): boolean {
  return status >= 300 && status <= 399;
}

export function isClientError(status: number): boolean {
  return status >= 400 && status <= 499;
}

export function isServerError(status: number): boolean {
  return status >= 500 && status <= 599;
}

/** Returns whether the body parsed as JSON. A JSON `null` body counts. */
export function hasJsonBody(response: ExchangeResponse): boolean {
  return response.json !== undefined;
}

export function isBodyEmpty(response: ExchangeResponse): boolean {
  const text: unknown = response.bodyText;
  const bytes: unknown = response.bodyBytes;
  const hasText = typeof text === 'string' && text.length > 0;
  const hasBytes = typeof bytes === 'number' && bytes > 0;
  return !hasText && !hasBytes;
}

/** Reads a header by name, ignoring case; a value that is not a string reads as absent. */
export function readHeader(response: ExchangeResponse, name: string): string | undefined {
  const headers: unknown = response.headers;
  if (!isJsonObject(headers)) {
    return undefined;
  }
  const wanted = name.toLowerCase();
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === wanted);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' ? value : undefined;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the variant an error body names in the given style: the string `type` of a tagged
 * object, or the bare JSON string. Without a style, either shape is read.
 */
export function readVariantName(body: unknown, style?: ErrorStyle): string | undefined {
  if (style !== 'tagged' && typeof body === 'string') {
    return body;
  }
  if (style !== 'bare-string' && isJsonObject(body) && typeof body.type === 'string') {
    return body.type;
  }
  return undefined;
}

export function findVariant(
  method: MethodEntry,
  name: string | undefined,
): ErrorVariant | undefined {
  return name === undefined ? undefined : method.variants.find((variant) => variant.name === name);
}

/** The statuses the method documents: 200 and the status of each variant of its union. */
export function documentedStatuses(method: MethodEntry): Set<number> {
  return new Set([200, ...method.variants.map((variant) => variant.status)]);
}

/**
 * Returns whether the method's union is a guess, as for the extensions. A status or variant
 * outside a guessed union is a warning.
 */
export function isUnionInferred(method: MethodEntry): boolean {
  return method.variants.some((variant) => variant.membershipInferred);
}

/** Schema-invalid and probe cases, whose error variant the contract leaves open. */
export function isNegativeCase(caseInfo: CaseInfo): boolean {
  return caseInfo.kind === 'invalid' || caseInfo.kind === 'probe';
}

export function listVariantNames(method: MethodEntry): string {
  return method.variants.map((variant) => variant.name).join(', ');
}

/** Renders a value for a finding's `actual`, cut to `maxLength` characters. */
export function renderValue(value: unknown, maxLength = 80): string {
  const text = value === undefined ? 'absent' : stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    // A value JSON cannot hold (a bigint, a cycle) only reaches here from a malformed record.
    return Object.prototype.toString.call(value);
  }
}

/** Renders a response body for a finding's `actual`: the parsed JSON, else a text excerpt. */
export function renderBody(response: ExchangeResponse): string {
  if (hasJsonBody(response)) {
    return renderValue(response.json);
  }
  if (isBodyEmpty(response)) {
    return 'empty body';
  }
  const text: unknown = response.bodyText;
  return typeof text === 'string' ? renderValue(text) : 'unreadable body';
}
