import {
  completeResponse,
  hasJsonBody,
  isSuccess,
  noEvidence,
  readStatus,
  renderValue,
  withEvidence,
} from './exchange-facts.js';
import { formatPointer } from './json-pointer.js';
import type { Check, CheckContext, CheckOutcome, FindingDraft, Severity } from './types.js';

/** The one method whose response carries basket offers. */
export const BASKET_METHOD = 'repairer.jobs.baskets.latest.get';

const CURRENCY_NAMES: ReadonlySet<string> = new Set(['currency', 'currency_code']);

type PathSegment = string | number;

interface CurrencyProperty {
  path: PathSegment[];
  value: unknown;
}

/**
 * Judges the basket: currency is a procurement-level concept, so no offer carries a currency.
 * The published ban covers `currency` and `currency_code` directly on an offer and `currency` at
 * the top of the body, so those are failures. Either name deeper down (inside an offer or a
 * supplier) breaks only the inferred strict reading "at any depth", so it is a warning.
 * `currency_code` at the top of the body is neither, and is not judged.
 */
export function checkNoOfferCurrency(context: CheckContext): CheckOutcome {
  if (context.method.name !== BASKET_METHOD) {
    return noEvidence();
  }
  const response = completeResponse(context.exchange);
  if (response === undefined || !isSuccess(readStatus(response)) || !hasJsonBody(response)) {
    return noEvidence();
  }

  const findings: FindingDraft[] = [];
  for (const property of findCurrencyProperties(response.json)) {
    const severity = classify(property.path);
    if (severity !== undefined) {
      findings.push(toFinding(property, severity));
    }
  }
  return withEvidence(findings);
}

/** A place in the body, linked to its parent so that no walk step copies a whole path. */
interface Place {
  value: unknown;
  segment: PathSegment | undefined;
  parent: Place | undefined;
}

/** Walks the body without recursion, so a deeply nested body cannot exhaust the stack. */
function findCurrencyProperties(body: unknown): CurrencyProperty[] {
  const found: CurrencyProperty[] = [];
  const pending: Place[] = [{ value: body, segment: undefined, parent: undefined }];
  for (let place = pending.pop(); place !== undefined; place = pending.pop()) {
    const value = place.value;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        // Only objects and arrays have children to visit, and only named members are judged.
        if (isContainer(item)) pending.push({ value: item, segment: index, parent: place });
      });
      continue;
    }
    if (!isContainer(value)) {
      continue;
    }
    for (const [segment, item] of Object.entries(value)) {
      const child: Place = { value: item, segment, parent: place };
      if (CURRENCY_NAMES.has(segment)) {
        found.push({ path: pathOf(child), value: item });
      }
      if (isContainer(item)) pending.push(child);
    }
  }
  return found.sort((left, right) =>
    compareText(formatPointer(left.path), formatPointer(right.path)),
  );
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function pathOf(place: Place): PathSegment[] {
  const path: PathSegment[] = [];
  for (let current: Place | undefined = place; current !== undefined; current = current.parent) {
    if (current.segment !== undefined) {
      path.push(current.segment);
    }
  }
  return path.reverse();
}

function classify(path: PathSegment[]): Severity | undefined {
  const name = path.at(-1);
  if (path.length === 1) {
    return name === 'currency' ? 'failure' : undefined;
  }
  return isOnOffer(path) ? 'failure' : 'warning';
}

/** Returns whether the property sits directly on an offer, at `/offers/<index>/<name>`. */
function isOnOffer(path: PathSegment[]): boolean {
  return path.length === 3 && path[0] === 'offers' && typeof path[1] === 'number';
}

function toFinding(property: CurrencyProperty, severity: Severity): FindingDraft {
  const name = String(property.path.at(-1));
  return {
    severity,
    message: `${describeOwner(property.path)} carries ${name}`,
    expected: 'absent',
    actual: renderValue(property.value),
    pointer: formatPointer(property.path),
  };
}

function describeOwner(path: PathSegment[]): string {
  if (path.length === 1) {
    return 'basket';
  }
  if (isOnOffer(path)) {
    return 'offer';
  }
  const insideOffer = path[0] === 'offers' && typeof path[1] === 'number';
  return insideOffer ? 'nested object of an offer' : 'nested object of the basket';
}

function compareText(left: string, right: string): number {
  if (left === right) {
    return 0;
  }
  return left < right ? -1 : 1;
}

/** Check: no basket offer carries a currency, and the basket carries no `currency`. */
export const noOfferCurrencyCheck: Check = {
  name: 'no-offer-currency',
  rule: 'no basket offer carries currency or currency_code; the basket carries no currency',
  judge: checkNoOfferCurrency,
};
