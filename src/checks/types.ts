import type { Exchange } from '../http/types.js';
import type { MethodEntry } from '../spec/types.js';

export type CheckName =
  | 'response-schema'
  | 'status-code'
  | 'content-type'
  | 'not-server-error'
  | 'error-tagged'
  | 'error-bare-string'
  | 'no-offer-currency'
  | 'extension-marker'
  | 'negative-rejected'
  | 'positive-accepted'
  | 'auth'
  | 'lifecycle'
  | 'isolation';

export type Severity = 'failure' | 'warning';

/** Kind of credential a case sent; `wrong` is a well-formed but unknown key. */
export type CredentialKind = 'repairer' | 'supplier' | 'minted' | 'none' | 'wrong';

/** What a case set out to do, which decides the checks that judge its exchange. */
export type CaseKind = 'valid' | 'invalid' | 'auth' | 'probe' | 'sequence';

export interface CaseInfo {
  id: string;
  kind: CaseKind;
  credential: CredentialKind;
  /** For invalid cases: the mutation class, such as `required-removed`. */
  mutation?: string;
  /** For invalid cases: only inferred constraints make the request invalid. */
  inferredOnly?: boolean;
  /**
   * For valid cases: every id the request names comes from fixtures or earlier responses, so a
   * not_found is a finding. False when the case names generated ids that may not exist.
   */
  referencesExist?: boolean;
}

/** Report of a check, before the runner adds the method, case and curl line. */
export interface FindingDraft {
  severity: Severity;
  /** A short lowercase fragment: `type is string, schema requires integer`. */
  message: string;
  expected: string;
  actual: string;
  /** JSON pointer into the response body where it broke; `` for the whole body. */
  pointer: string;
  /**
   * The contract leaves this response open on purpose (the variant for a schema-invalid request
   * whose union has none that fits), so `--strict` keeps the warning a warning.
   */
  contractOpen?: boolean;
}

export interface Finding extends FindingDraft {
  check: CheckName;
  method: string;
  caseId: string;
  exchangeId: string;
  /** The request as a runnable curl line, secrets replaced by `$PARTLY_...` references. */
  curl: string;
  /** Excerpt of the request body as sent (redacted, at most a few KiB). */
  requestBody?: string;
  /** Status of the response; absent when none came back. */
  responseStatus?: number;
  /** Excerpt of the response body (redacted, at most a few KiB), or the transport error. */
  responseBody?: string;
  /** For a shrunk failure: how many smaller requests were tried. */
  shrinkSteps?: number;
  /** Record `replay` sends again; secrets stay `$PARTLY_...` references. */
  replay?: ReplayRecord;
}

export interface ReplayRecord {
  case: CaseInfo;
  /** The request body as sent, redacted; undefined when none was sent. */
  body: string | undefined;
  /** HTTP verb, when not POST. */
  verb?: string;
}

export interface CheckContext {
  exchange: Exchange;
  method: MethodEntry;
  case: CaseInfo;
}

/**
 * What one check made of one exchange. `evidence` is true when the exchange was one the check could
 * judge; a method x check with no evidence at all is not proven.
 */
export interface CheckOutcome {
  evidence: boolean;
  findings: FindingDraft[];
}

export interface Check {
  name: CheckName;
  /** One line for reports: the rule this check enforces. */
  rule: string;
  judge(context: CheckContext): CheckOutcome;
}

export type Verdict = 'pass' | 'fail' | 'not-proven';
