import type { ExchangeResponse } from '../http/types.js';
import type { MethodEntry } from '../spec/types.js';
import {
  isSuccess,
  judgeableResponse,
  noEvidence,
  readStatus,
  readVariantName,
  severityFor,
  withEvidence,
} from './exchange-facts.js';
import type { Check, CheckContext, CheckOutcome, CredentialKind, FindingDraft } from './types.js';

/** What an auth case tests, read from its credential and the method's role. */
type AuthScenario = 'no-credential' | 'wrong-role' | 'any-role';

/** What the judges of a scenario read. */
interface AuthExchange {
  method: MethodEntry;
  credential: CredentialKind;
  status: number;
  /** The variant the body names in the method's style; undefined when the body was cut short. */
  variant: string | undefined;
  bodyComplete: boolean;
}

/**
 * Judges an auth case. A missing or unknown credential gets 401 `unauthorized`. A valid
 * credential of the wrong role gets 403 `forbidden`: accepting it is a failure on supplier
 * methods (documented) and a warning on repairer methods (the mirror rule is inferred), and a
 * guessed role accepts either response. A valid credential never gets 401.
 */
export function checkAuth(context: CheckContext): CheckOutcome {
  const { method, case: caseInfo } = context;
  const response = judgeableResponse(context.exchange);
  const scenario = classifyScenario(method, caseInfo.credential);
  if (caseInfo.kind !== 'auth' || scenario === undefined || response === undefined) {
    return noEvidence();
  }

  const bodyComplete = context.exchange.error === undefined;
  const exchange: AuthExchange = {
    method,
    credential: caseInfo.credential,
    status: readStatus(response),
    variant: bodyComplete ? readStyledVariant(response, method) : undefined,
    bodyComplete,
  };
  return withEvidence(JUDGES[scenario](exchange));
}

function classifyScenario(
  method: MethodEntry,
  credential: CredentialKind,
): AuthScenario | undefined {
  if (method.role === 'none') {
    return undefined;
  }
  if (credential === 'none' || credential === 'wrong') {
    return 'no-credential';
  }
  if (method.role === 'any') {
    return 'any-role';
  }
  const actsAsRepairer = credential === 'repairer' || credential === 'minted';
  const wrongRole = method.role === 'repairer' ? credential === 'supplier' : actsAsRepairer;
  return wrongRole ? 'wrong-role' : undefined;
}

function readStyledVariant(response: ExchangeResponse, method: MethodEntry): string | undefined {
  return readVariantName(response.json, method.errorStyle);
}

const JUDGES: Record<AuthScenario, (exchange: AuthExchange) => FindingDraft[]> = {
  'no-credential': judgeNoCredential,
  'wrong-role': judgeWrongRole,
  'any-role': judgeAnyRole,
};

function judgeNoCredential(exchange: AuthExchange): FindingDraft[] {
  const label = exchange.credential === 'none' ? 'missing credential' : 'unknown credential';
  if (exchange.status !== 401) {
    return [statusFinding('failure', `${label} got status ${exchange.status}`, '401', exchange)];
  }
  return judgeVariant(exchange, 'unauthorized', false);
}

/**
 * The 403 for a supplier credential on a repairer method mirrors the documented rule for a
 * repairer credential on a supplier method, so it is inferred. A minted credential is taken to
 * act as a repairer, which is inferred too. Another 4xx may be the target checking the request
 * before the role, an order the contract does not fix, so it is a warning.
 */
function judgeWrongRole(exchange: AuthExchange): FindingDraft[] {
  const { method, status } = exchange;
  if (status === 401) {
    return [
      statusFinding('failure', 'valid credential of the wrong role got 401', '403', exchange),
    ];
  }
  if (method.roleInferred) {
    return isSuccess(status) || status === 403 ? [] : [wrongRoleStatus(exchange, true)];
  }

  const inferred = method.role === 'repairer' || exchange.credential === 'minted';
  if (status !== 403) {
    return [wrongRoleStatus(exchange, inferred || !isSuccess(status))];
  }
  return judgeVariant(exchange, 'forbidden', inferred);
}

function wrongRoleStatus(exchange: AuthExchange, soft: boolean): FindingDraft {
  const message = isSuccess(exchange.status)
    ? `wrong role accepted with ${exchange.status}`
    : `wrong role got status ${exchange.status}`;
  return statusFinding(severityFor(soft), message, '403', exchange);
}

/**
 * A method open to any authenticated integration accepts every valid credential. Only a guessed
 * role may reject one with 403.
 */
function judgeAnyRole(exchange: AuthExchange): FindingDraft[] {
  const { status, method } = exchange;
  const soft = exchange.credential === 'minted';
  if (status === 401) {
    return [statusFinding(severityFor(soft), 'valid credential got 401', '200', exchange)];
  }
  if (status === 403 && !method.roleInferred) {
    return [
      statusFinding(severityFor(soft), 'valid credential rejected with 403', '200', exchange),
    ];
  }
  return [];
}

function judgeVariant(exchange: AuthExchange, expected: string, soft: boolean): FindingDraft[] {
  if (!exchange.bodyComplete || exchange.variant === expected) {
    return [];
  }
  const tagged = exchange.method.errorStyle === 'tagged';
  const finding: FindingDraft = {
    severity: severityFor(soft),
    message: `variant is ${exchange.variant ?? 'absent'}, expected ${expected}`,
    expected: tagged ? `{"type": "${expected}"}` : `"${expected}"`,
    actual: exchange.variant ?? 'absent',
    pointer: tagged ? '/type' : '',
  };
  return [finding];
}

function statusFinding(
  severity: FindingDraft['severity'],
  message: string,
  expected: string,
  exchange: AuthExchange,
): FindingDraft {
  return { severity, message, expected, actual: String(exchange.status), pointer: '' };
}

/** Check: missing credentials give 401 unauthorized and the wrong role gives 403 forbidden. */
export const authCheck: Check = {
  name: 'auth',
  rule: 'no or wrong credentials give 401 unauthorized; the wrong role gives 403 forbidden',
  judge: checkAuth,
};
