import type { CheckName } from '../checks/types.js';
import { HarnessError } from '../errors.js';

/** One named fault switch of the reference target. */
export interface ReferenceFault {
  name: string;
  /** The check that must report this fault (or, when `expectsFinding` is false, stay silent). */
  check: CheckName;
  description: string;
  /**
   * False for the two faults that no check may report. An extra response field is allowed
   * because objects are open (only drift reports it), and a 429 with `Retry-After` is a rate
   * limit, not a violation.
   */
  expectsFinding: boolean;
}

/** The fault switches, each breaking one rule of the contract on purpose. */
export const REFERENCE_FAULTS = [
  fault('offer-currency', 'no-offer-currency', 'every basket offer carries currency: "NZD"'),
  fault(
    'offer-currency-nested',
    'no-offer-currency',
    'every basket offer carries price: {amount, currency_code}',
  ),
  fault(
    'parts-insert-tagged-errors',
    'error-bare-string',
    'repairer.jobs.parts.insert errors are {"type": ...} objects instead of bare strings',
  ),
  fault(
    'bare-string-errors',
    'error-tagged',
    'errors of every method except repairer.jobs.parts.insert are bare JSON strings',
  ),
  fault('extension-marker-missing', 'extension-marker', 'extension 200 bodies lack x_extension'),
  fault('extension-marker-stray', 'extension-marker', 'wire 200 bodies carry x_extension: true'),
  fault('wrong-status-not-found', 'status-code', 'not_found errors are sent with status 400'),
  fault(
    'undocumented-variant',
    'error-tagged',
    'repairer.jobs.get answers an unknown job with 404 {"type":"missing"}',
  ),
  fault('schema-break-job-id', 'response-schema', 'JobV1.id is a number instead of a uuid string'),
  fault(
    'missing-required-reference',
    'response-schema',
    'procurement bodies omit the required, nullable reference field',
  ),
  fault(
    'server-error-on-valid',
    'not-server-error',
    'repairer.work-providers.list answers valid requests with 500 {"type":"internal"}',
  ),
  fault(
    'html-error-page',
    'not-server-error',
    'repairer.jobs.parts.list answers valid requests with a 502 text/html proxy page',
  ),
  fault('wrong-content-type', 'content-type', 'businesses.list 200 bodies are sent as text/plain'),
  fault(
    'accept-invalid',
    'negative-rejected',
    'schema-invalid requests are answered 200 with a plausible body',
  ),
  fault(
    'reject-valid',
    'positive-accepted',
    'valid repairer.jobs.baskets.latest.get requests get 400 bad_request',
  ),
  fault('auth-ignored', 'auth', 'missing or unknown credentials are accepted'),
  fault('role-not-enforced', 'auth', 'a credential of the wrong role is accepted'),
  fault(
    'parts-never-ordered',
    'lifecycle',
    'repairer.procurements.insert leaves the chosen parts estimated',
  ),
  fault(
    'confirm-ignored',
    'lifecycle',
    'supplier.procurements.confirm answers 200 but the procurement stays order_requested',
  ),
  fault(
    'invoice-before-confirmation',
    'lifecycle',
    'an invoice exists as soon as repairer.procurements.insert returns',
  ),
  fault(
    'upsert-duplicates',
    'lifecycle',
    'repairer.jobs.insert with an existing identity creates a second job with a new id',
  ),
  fault('tenant-leak', 'isolation', 'all tenants share one world'),
  fault('access-code-reusable', 'auth', 'the demo access code installs any number of times'),
  {
    ...fault('undocumented-field', 'response-schema', 'JobV1 bodies carry an extra x_debug_trace'),
    expectsFinding: false,
  },
  {
    ...fault(
      'rate-limit',
      'status-code',
      'every 5th request is answered 429 {"type":"rate_limited"} with Retry-After: 1',
    ),
    expectsFinding: false,
  },
] as const satisfies readonly ReferenceFault[];

/** Name of one fault switch. */
export type FaultName = (typeof REFERENCE_FAULTS)[number]['name'];

/** The faults switched on for one server. */
export type FaultSet = ReadonlySet<FaultName>;

/** Environment variable with a comma-separated list of fault names. */
export const FAULTS_ENVIRONMENT_VARIABLE = 'PARTLY_REFERENCE_FAULTS';

const FAULT_NAMES: ReadonlySet<string> = new Set(REFERENCE_FAULTS.map((entry) => entry.name));

function fault<Name extends string>(name: Name, check: CheckName, description: string) {
  return { name, check, description, expectsFinding: true as boolean };
}

function isFaultName(name: string): name is FaultName {
  return FAULT_NAMES.has(name);
}

/** Splits the value of `PARTLY_REFERENCE_FAULTS` into names; blank entries are skipped. */
export function parseFaultList(value: string | undefined): string[] {
  if (value === undefined) {
    return [];
  }
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * Validates fault names and returns them as a set.
 * @throws HarnessError `HARNESS_CONFIG_INVALID` naming the first unknown fault and the valid ones.
 */
export function resolveFaults(names: Iterable<string>): FaultSet {
  const faults = new Set<FaultName>();
  for (const name of names) {
    if (!isFaultName(name)) {
      const valid = [...FAULT_NAMES].join(', ');
      throw new HarnessError(
        'HARNESS_CONFIG_INVALID',
        `Unknown reference target fault "${name}"; valid faults: ${valid}`,
      );
    }
    faults.add(name);
  }
  return faults;
}
