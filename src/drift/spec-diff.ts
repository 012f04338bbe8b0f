import type { OpenAPIV3_1 } from 'openapi-types';
import { compareErrorUnions } from './error-union.js';
import { compareSchemas, startComparison } from './schema-diff.js';
import { fingerprintSchema } from './schema-fingerprint.js';
import {
  escapePointerToken,
  followReferences,
  isJsonObject,
  type JsonObject,
} from './schema-normalize.js';
import type { SpecDifference } from './types.js';

/** Names of the proposed extension methods, which a live `/openapi.json` never lists. */
export const EXTENSION_METHODS = new Set([
  'repairer.procurements.insert',
  'repairer.procurements.invoices.list',
  'repairer.procurements.invoices.get',
]);

/** One POST operation of a spec, seen as a wire method. */
interface SpecMethod {
  /** The last path segment, such as `repairer.jobs.get`. */
  name: string;
  /** The server's path prefix joined with the path; methods are matched on it. */
  fullPath: string;
  operation: JsonObject;
  /** JSON pointer of the operation, such as `/paths/~1api~12026-01~1businesses.list/post`. */
  pointer: string;
  extension: boolean;
}

/** The parts of one operation that are compared, each with its JSON pointer. */
interface OperationParts {
  requestBody: JsonObject | undefined;
  requestSchema: unknown;
  requestPointer: string;
  responses: JsonObject;
  successSchema: unknown;
  successPointer: string;
  hasSuccess: boolean;
  errorSchema: unknown;
  errorPointer: string;
}

/** Returns the path of the first server URL without a trailing slash, or `` for none or `/`. */
function serverPathPrefix(document: JsonObject): string {
  const servers = document.servers;
  const first = Array.isArray(servers) ? servers[0] : undefined;
  if (!isJsonObject(first) || typeof first.url !== 'string') {
    return '';
  }
  try {
    return new URL(first.url, 'http://server.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function listMethods(document: JsonObject): Map<string, SpecMethod> {
  const methods = new Map<string, SpecMethod>();
  const prefix = serverPathPrefix(document);
  const paths = isJsonObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = followReferences(document, rawItem);
    const operation = isJsonObject(item) ? item.post : undefined;
    if (!isJsonObject(operation)) {
      continue;
    }
    const name = path.split('/').pop() ?? path;
    methods.set(`${prefix}${path}`, {
      name,
      fullPath: `${prefix}${path}`,
      operation,
      pointer: `/paths/${escapePointerToken(path)}/post`,
      extension: operation['x-extension'] === true || EXTENSION_METHODS.has(name),
    });
  }
  return methods;
}

/** Finds the JSON media type of a content map: `application/json`, perhaps with parameters. */
function jsonMediaKey(content: unknown): string | undefined {
  if (!isJsonObject(content)) {
    return undefined;
  }
  const keys = Object.keys(content);
  return (
    keys.find((key) => key === 'application/json') ??
    keys.find((key) => /^application\/json\s*(;|$)/i.test(key))
  );
}

function jsonSchemaOf(
  document: JsonObject,
  holder: unknown,
  pointer: string,
): { schema: unknown; pointer: string } {
  const resolved = followReferences(document, holder);
  const content = isJsonObject(resolved) ? resolved.content : undefined;
  const key = jsonMediaKey(content);
  if (key === undefined || !isJsonObject(content)) {
    return { schema: undefined, pointer };
  }
  const media = followReferences(document, content[key]);
  const schema = isJsonObject(media) ? media.schema : undefined;
  const mediaPointer = `${pointer}/content/${escapePointerToken(key)}/schema`;
  return { schema, pointer: mediaPointer };
}

function partsOf(document: JsonObject, method: SpecMethod): OperationParts {
  const { operation, pointer } = method;
  const requestBody = followReferences(document, operation.requestBody);
  const responses = followReferences(document, operation.responses);
  const responseMap = isJsonObject(responses) ? responses : {};
  const request = jsonSchemaOf(document, requestBody, `${pointer}/requestBody`);
  const success = jsonSchemaOf(document, responseMap['200'], `${pointer}/responses/200`);
  const error = jsonSchemaOf(document, responseMap.default, `${pointer}/responses/default`);
  return {
    requestBody: isJsonObject(requestBody) ? requestBody : undefined,
    requestSchema: request.schema,
    requestPointer: request.pointer,
    responses: responseMap,
    successSchema: success.schema,
    successPointer: success.pointer,
    hasSuccess: responseMap['200'] !== undefined,
    errorSchema: error.schema,
    errorPointer: error.pointer,
  };
}

/** The state shared by every comparison of one pair of documents. */
interface DocumentPair {
  pinned: JsonObject;
  live: JsonObject;
  differences: SpecDifference[];
}

function pushDifference(pair: DocumentPair, difference: SpecDifference): void {
  pair.differences.push(difference);
}

function compareRequest(
  pair: DocumentPair,
  name: string,
  pinned: OperationParts,
  live: OperationParts,
): void {
  const pinnedRequired = pinned.requestBody?.required === true;
  const liveRequired = live.requestBody?.required === true;
  if (pinnedRequired !== liveRequired) {
    pushDifference(pair, {
      kind: liveRequired ? 'breaking' : 'additive',
      change: liveRequired ? 'request-body-made-required' : 'request-body-made-optional',
      method: name,
      side: 'request',
      pointer: `${pinned.requestPointer.split('/content/')[0]}/required`,
      message: `request body made ${liveRequired ? 'required' : 'optional'}`,
      pinned: pinnedRequired,
      live: liveRequired,
    });
  }
  if (pinned.requestSchema === undefined && live.requestSchema === undefined) {
    return;
  }
  if (pinned.requestSchema === undefined || live.requestSchema === undefined) {
    const removed = live.requestSchema === undefined;
    pushDifference(pair, {
      kind: removed ? 'breaking' : 'additive',
      change: removed ? 'request-schema-removed' : 'request-schema-added',
      method: name,
      side: 'request',
      pointer: removed ? pinned.requestPointer : live.requestPointer,
      message: `JSON request body schema ${removed ? 'removed' : 'added'}`,
    });
    return;
  }
  const comparison = startComparison(name, 'request', pair.pinned, pair.live, pair.differences);
  const where = { pinned: pinned.requestPointer, live: live.requestPointer };
  compareSchemas(comparison, pinned.requestSchema, live.requestSchema, where);
}

function compareSuccess(
  pair: DocumentPair,
  name: string,
  pinned: OperationParts,
  live: OperationParts,
): void {
  if (pinned.hasSuccess && !live.hasSuccess) {
    pushDifference(pair, {
      kind: 'breaking',
      change: 'success-response-removed',
      method: name,
      side: 'response',
      pointer: pinned.successPointer.split('/content/')[0] ?? pinned.successPointer,
      message: 'response 200 removed',
    });
    return;
  }
  if (pinned.successSchema === undefined || live.successSchema === undefined) {
    if (pinned.successSchema !== live.successSchema && pinned.successSchema !== undefined) {
      pushDifference(pair, {
        kind: 'breaking',
        change: 'success-schema-removed',
        method: name,
        side: 'response',
        pointer: pinned.successPointer,
        message: 'JSON schema of response 200 removed',
      });
    }
    return;
  }
  const comparison = startComparison(name, 'response', pair.pinned, pair.live, pair.differences);
  const where = { pinned: pinned.successPointer, live: live.successPointer };
  compareSchemas(comparison, pinned.successSchema, live.successSchema, where);
}

/**
 * Compares the statuses a method declares besides 200 and `default`. A new status is one that
 * clients never had to handle (breaking); a status no longer declared is one they need not handle.
 */
function compareStatuses(
  pair: DocumentPair,
  method: { name: string; pinnedPointer: string; livePointer: string },
  pinned: OperationParts,
  live: OperationParts,
): void {
  const extra = (responses: JsonObject): string[] =>
    Object.keys(responses).filter((status) => status !== '200' && status !== 'default');
  const pinnedStatuses = extra(pinned.responses);
  const liveStatuses = extra(live.responses);
  for (const status of liveStatuses.filter((value) => !pinnedStatuses.includes(value))) {
    pushDifference(pair, {
      kind: 'breaking',
      change: 'response-status-added',
      method: method.name,
      side: 'response',
      pointer: `${method.livePointer}/responses/${escapePointerToken(status)}`,
      message: `response status ${status} added`,
      live: status,
    });
  }
  for (const status of pinnedStatuses.filter((value) => !liveStatuses.includes(value))) {
    pushDifference(pair, {
      kind: 'additive',
      change: 'response-status-removed',
      method: method.name,
      side: 'response',
      pointer: `${method.pinnedPointer}/responses/${escapePointerToken(status)}`,
      message: `response status ${status} no longer declared`,
      pinned: status,
    });
  }
}

function compareMethods(pair: DocumentPair, pinned: SpecMethod, live: SpecMethod): void {
  const pinnedParts = partsOf(pair.pinned, pinned);
  const liveParts = partsOf(pair.live, live);
  compareRequest(pair, pinned.name, pinnedParts, liveParts);
  compareSuccess(pair, pinned.name, pinnedParts, liveParts);
  const names = { name: pinned.name, pinnedPointer: pinned.pointer, livePointer: live.pointer };
  compareStatuses(pair, names, pinnedParts, liveParts);
  const comparison = startComparison(
    pinned.name,
    'error',
    pair.pinned,
    pair.live,
    pair.differences,
  );
  compareErrorUnions(comparison, pinnedParts.errorSchema, liveParts.errorSchema, {
    pinned: pinnedParts.errorPointer,
    live: liveParts.errorPointer,
  });
}

/** Prints a method's shape (request, 200 response, error union) as one text, whatever its name. */
function shapeOf(document: JsonObject, method: SpecMethod): string {
  const parts = partsOf(document, method);
  const print = (schema: unknown): string =>
    schema === undefined ? '-' : fingerprintSchema(document, schema);
  return [parts.requestSchema, parts.successSchema, parts.errorSchema].map(print).join('\n');
}

/**
 * Pairs methods that only the pinned spec has with methods that only the live spec has, when
 * they are the same method under a new path: the same `operationId`, or else the same shape
 * that no other leftover method has.
 */
function findRenames(
  pair: DocumentPair,
  removed: SpecMethod[],
  added: SpecMethod[],
): Array<[SpecMethod, SpecMethod]> {
  const renames: Array<[SpecMethod, SpecMethod]> = [];
  const taken = new Set<SpecMethod>();
  const operationId = (method: SpecMethod): unknown => method.operation.operationId;
  for (const pinned of removed) {
    const match = added.find(
      (live) =>
        !taken.has(live) &&
        typeof operationId(pinned) === 'string' &&
        operationId(live) === operationId(pinned),
    );
    if (match) {
      renames.push([pinned, match]);
      taken.add(match);
    }
  }
  const pinnedLeft = removed.filter((method) => !renames.some(([pinned]) => pinned === method));
  const liveLeft = added.filter((method) => !taken.has(method));
  const pinnedShapes = pinnedLeft.map((method) => shapeOf(pair.pinned, method));
  const liveShapes = liveLeft.map((method) => shapeOf(pair.live, method));
  pinnedLeft.forEach((pinned, index) => {
    const shape = pinnedShapes[index];
    const liveIndex = liveShapes.indexOf(shape ?? '');
    const unique =
      liveIndex >= 0 &&
      liveShapes.lastIndexOf(shape ?? '') === liveIndex &&
      pinnedShapes.lastIndexOf(shape ?? '') === index;
    const live = liveLeft[liveIndex];
    if (unique && live) {
      renames.push([pinned, live]);
    }
  });
  return renames;
}

function reportRemovedAndAdded(
  pair: DocumentPair,
  removed: SpecMethod[],
  added: SpecMethod[],
): void {
  const renames = findRenames(pair, removed, added);
  for (const [pinned, live] of renames) {
    pushDifference(pair, {
      kind: 'breaking',
      change: 'method-renamed',
      method: pinned.name,
      side: 'method',
      pointer: pinned.pointer,
      message: `method ${pinned.name} renamed to ${live.name}`,
      pinned: pinned.fullPath,
      live: live.fullPath,
    });
    compareMethods(pair, pinned, live);
  }
  for (const method of removed.filter((item) => !renames.some(([pinned]) => pinned === item))) {
    pushDifference(pair, {
      kind: 'breaking',
      change: 'method-removed',
      method: method.name,
      side: 'method',
      pointer: method.pointer,
      message: `method ${method.name} removed`,
      pinned: method.fullPath,
    });
  }
  for (const method of added.filter((item) => !renames.some(([, live]) => live === item))) {
    pushDifference(pair, {
      kind: 'additive',
      change: 'method-added',
      method: method.name,
      side: 'method',
      pointer: method.pointer,
      message: `method ${method.name} added`,
      live: method.fullPath,
    });
  }
}

/**
 * Compares a live spec with the pinned one, method by method (each POST operation): the request
 * schema, the 200 response schema, the other declared statuses and the error union of the
 * `default` response. Shapes are compared, not names: `$ref` names, key order, annotations,
 * vendor `x-*` keys and the spelling of "or null" never make a difference. Extension methods
 * (`x-extension: true`, or one of the three extension names) missing from the live spec are not
 * a difference, because a live `/openapi.json` never lists them. Neither document is changed.
 *
 * A dated version may only change additively, so the class follows the side of the exchange.
 * A request schema that accepts less is breaking, and one that accepts more is additive. A
 * response schema that may send more is breaking, and one that sends less is additive. So a
 * widened response enum is breaking, because clients that switch over the documented values
 * meet one they cannot handle, and a response field made optional is breaking too. A removed
 * or renamed method, a removed field on either side, a changed type or format, and any variant
 * added to or removed from an error union are always breaking.
 */
export function diffSpecs(
  pinned: OpenAPIV3_1.Document,
  live: OpenAPIV3_1.Document,
): SpecDifference[] {
  const pair: DocumentPair = {
    pinned: pinned as unknown as JsonObject,
    live: live as unknown as JsonObject,
    differences: [],
  };
  const pinnedMethods = listMethods(pair.pinned);
  const liveMethods = listMethods(pair.live);
  const removed: SpecMethod[] = [];
  for (const [path, method] of pinnedMethods) {
    const counterpart = liveMethods.get(path);
    if (counterpart) {
      compareMethods(pair, method, counterpart);
    } else if (!method.extension) {
      removed.push(method);
    }
  }
  const added = [...liveMethods].filter(([path]) => !pinnedMethods.has(path)).map(([, m]) => m);
  reportRemovedAndAdded(pair, removed, added);
  return sortDifferences(pair.differences);
}

function sortDifferences(differences: SpecDifference[]): SpecDifference[] {
  return differences
    .map((difference, index) => ({ difference, index }))
    .sort(
      (first, second) =>
        (first.difference.method ?? '').localeCompare(second.difference.method ?? '') ||
        first.index - second.index,
    )
    .map(({ difference }) => difference);
}

/**
 * Lists the methods a comparison covers, sorted: every method of the live spec, and every method
 * of the pinned spec except the extensions.
 */
export function listComparedMethods(
  pinned: OpenAPIV3_1.Document,
  live: OpenAPIV3_1.Document,
): string[] {
  const names = new Set<string>();
  for (const method of listMethods(pinned as unknown as JsonObject).values()) {
    if (!method.extension) {
      names.add(method.name);
    }
  }
  for (const method of listMethods(live as unknown as JsonObject).values()) {
    names.add(method.name);
  }
  return [...names].sort();
}
