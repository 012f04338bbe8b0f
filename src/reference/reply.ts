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

/** A JSON reply; `body` is serialised with `JSON.stringify`. */
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
 * The 200 reply of a method. Extension bodies get `x_extension: true` first; wire bodies never
 * do. Faults that break a successful answer of one method are applied here.
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
 * The error reply of a method: `{"type": variant}` (plus `x_extension: true` on extensions), or
 * the bare JSON string `"variant"` for `repairer.jobs.parts.insert`. The status is the
 * variant's, whatever the method.
 */
export function errorReply(method: MethodDefinition, variant: Variant, faults: FaultSet): Reply {
  let status: number = VARIANT_STATUS[variant];
  let name: string = variant;
  if (variant === 'not_found' && faults.has('wrong-status-not-found')) {
    status = 400;
  }
  if (variant === 'not_found' && method.name === 'repairer.jobs.get') {
    name = faults.has('undocumented-variant') ? 'missing' : name;
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
