import {
  completeResponse,
  hasJsonBody,
  isJsonObject,
  isSuccess,
  noEvidence,
  readStatus,
  renderValue,
  withEvidence,
} from './exchange-facts.js';
import type { Check, CheckContext, CheckOutcome, FindingDraft } from './types.js';

const MARKER = 'x_extension';
const MARKER_POINTER = `/${MARKER}`;

/** The marker at the top level of a JSON body: whether it is there, and its value. */
interface MarkerState {
  present: boolean;
  value: unknown;
}

/**
 * Judges the extension marker `x_extension` on every JSON body. A 2xx of an extension method
 * carries `x_extension: true`. Whether extension error bodies carry it is not documented, so its
 * absence there is a warning and never a failure. Wire methods never carry it: on a 2xx that is
 * a failure, and on an error body, where the ban is inferred, a warning.
 */
export function checkExtensionMarker(context: CheckContext): CheckOutcome {
  const response = completeResponse(context.exchange);
  if (response === undefined || !hasJsonBody(response)) {
    return noEvidence();
  }

  const marker = readMarker(response.json);
  const success = isSuccess(readStatus(response));
  if (context.method.extension) {
    return withEvidence(success ? judgeExtensionSuccess(marker) : judgeExtensionError(marker));
  }
  return withEvidence(judgeWireMethod(marker, success));
}

function readMarker(body: unknown): MarkerState {
  if (!isJsonObject(body) || !Object.hasOwn(body, MARKER)) {
    return { present: false, value: undefined };
  }
  return { present: true, value: body[MARKER] };
}

function judgeExtensionSuccess(marker: MarkerState): FindingDraft[] {
  if (marker.value === true) {
    return [];
  }
  const message = marker.present
    ? `${MARKER} is ${renderValue(marker.value)}, contract requires true`
    : `missing ${MARKER} marker`;
  return [markerFinding('failure', message, 'true', marker)];
}

function judgeExtensionError(marker: MarkerState): FindingDraft[] {
  if (marker.value === true) {
    return [];
  }
  const message = marker.present
    ? `${MARKER} is ${renderValue(marker.value)} on an extension error body`
    : `extension error body lacks ${MARKER}`;
  return [markerFinding('warning', message, 'true', marker)];
}

function judgeWireMethod(marker: MarkerState, success: boolean): FindingDraft[] {
  if (!marker.present) {
    return [];
  }
  const where = success ? 'a wire method response' : 'a wire method error body';
  const message = `${MARKER} on ${where}`;
  return [markerFinding(success ? 'failure' : 'warning', message, 'absent', marker)];
}

function markerFinding(
  severity: FindingDraft['severity'],
  message: string,
  expected: string,
  marker: MarkerState,
): FindingDraft {
  return {
    severity,
    message,
    expected,
    actual: renderValue(marker.value),
    pointer: MARKER_POINTER,
  };
}

/** Check: `x_extension: true` on the extension methods' 2xx bodies, on no wire method body. */
export const extensionMarkerCheck: Check = {
  name: 'extension-marker',
  rule: 'x_extension is true on every 2xx of an extension method and absent from wire methods',
  judge: checkExtensionMarker,
};
