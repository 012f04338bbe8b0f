import { VARIANT_STATUS, type Variant } from './api-error.js';
import type { FaultSet } from './faults.js';
import type { MethodDefinition } from './method-types.js';

/** A complete HTTP response, built before anything is written to the socket. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Builds a JSON reply, serializing `body` with `JSON.stringify`. */
export function jsonReply(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * Builds the 200 reply of a method. Extension bodies get `x_extension: true` first, and wire
 * bodies never get it unless `extension-marker-stray` is on. The faults that break one method's
 * successful response are applied here.
 */
export function successReply(
  method: MethodDefinition,
  body: Record<string, unknown>,
  faults: FaultSet,
): Reply {
  if (method.name === 'repairer.work-providers.list' && faults.has('server-error-on-valid')) {
    return jsonReply(500, { type: 'internal' });
  }
  if (method.name === 'repairer.jobs.parts.list' && faults.has('html-error-page')) {
    return proxyErrorPage();
  }

  let marked = body;
  if (method.extension && !faults.has('extension-marker-missing')) {
    marked = { x_extension: true, ...body };
  } else if (!method.extension && faults.has('extension-marker-stray')) {
    marked = { ...body, x_extension: true };
  }

  const reply = jsonReply(200, marked);
  if (method.name === 'businesses.list' && faults.has('wrong-content-type')) {
    reply.headers['content-type'] = 'text/plain; charset=utf-8';
  }
  return reply;
}

/**
 * Builds the error reply of a method: `{"type": variant}`, or the bare JSON string `"variant"`
 * for `repairer.jobs.parts.insert`. Extension error bodies also carry `x_extension: true`,
 * reading "every extension response carries it" as including errors. The status is the
 * variant's, whatever the method. `wrong-status-not-found` changes only method errors, not the
 * 404 of an unknown method.
 */
export function errorReply(method: MethodDefinition, variant: Variant, faults: FaultSet): Reply {
  let status: number = VARIANT_STATUS[variant];
  let name: string = variant;
  if (variant === 'not_found' && faults.has('wrong-status-not-found')) {
    status = 400;
  }
  const isJobsGet = method.name === 'repairer.jobs.get';
  if (variant === 'not_found' && isJobsGet && faults.has('undocumented-variant')) {
    name = 'missing';
  }

  if (isBareStringStyle(method, faults)) {
    return jsonReply(status, name);
  }
  return jsonReply(status, method.extension ? { type: name, x_extension: true } : { type: name });
}

function isBareStringStyle(method: MethodDefinition, faults: FaultSet): boolean {
  if (method.errorStyle === 'bare-string') {
    return !faults.has('parts-insert-tagged-errors');
  }
  return faults.has('bare-string-errors');
}

function proxyErrorPage(): Reply {
  const body =
    '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>' +
    '<body><h1>502 Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>\n';
  return { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}
