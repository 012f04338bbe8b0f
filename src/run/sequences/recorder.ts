import type {
  CaseInfo,
  CheckName,
  CredentialKind,
  Finding,
  FindingDraft,
  Severity,
} from '../../checks/types.js';
import type { Exchange } from '../../http/types.js';
import type { MethodEntry } from '../../spec/types.js';
import { buildFinding, sendCase } from '../execute.js';
import type { SequenceStep } from '../results.js';
import type { RunSession } from '../session.js';

/** A broken rule of a sequence, found at one of its steps. */
export interface Violation {
  check: CheckName;
  severity: Severity;
  /** The rule, for the report, such as `parts are ordered after placement`. */
  rule: string;
  message: string;
  expected: string;
  actual: string;
  /** Index of the step where it broke. */
  step: number;
}

/**
 * Stops a sequence that cannot go on for a reason that proves nothing either way, such as a step
 * without a response or a spent request budget. The sequence ends as not proven.
 */
export class SequenceInconclusive extends Error {}

/** A sequence stopped at a failure; thrown by `fail` and caught by the sequence runner. */
export class SequenceStopped extends Error {
  constructor(readonly violation: Violation) {
    super(violation.message);
  }
}

/** Outcome of one call of a sequence. */
export interface CallOutcome {
  status: number | undefined;
  /** The JSON body of a 200, else undefined. */
  json: unknown;
  /** The JSON body whatever the status (an error variant, for instance). */
  body: unknown;
  exchange: Exchange;
}

interface RecordedStep {
  method: MethodEntry;
  info: CaseInfo;
  exchange: Exchange;
}

/**
 * Sends the calls of one sequence in its own tenant and keeps them in order, with every rule it
 * breaks. A failure stops the sequence; a warning is recorded and the sequence goes on.
 */
export class SequenceRecorder {
  readonly steps: RecordedStep[] = [];
  readonly warnings: Violation[] = [];

  constructor(
    readonly session: RunSession,
    readonly name: string,
    readonly tenant: string | false,
    /** The check a step that does not return 200 breaks. */
    readonly check: CheckName = 'lifecycle',
  ) {}

  /** Sends one call in the sequence's tenant and records it as the next step. */
  async call(methodName: string, credential: CredentialKind, body: unknown): Promise<CallOutcome> {
    const method = this.session.catalogue.byName.get(methodName);
    if (!method) {
      throw new Error(`the catalogue has no method ${methodName}`);
    }
    const info: CaseInfo = {
      id: `${this.name}#${this.steps.length}-${methodName}`,
      kind: 'sequence',
      credential,
    };
    const exchange = await sendCase(this.session, method, info, body, this.tenant);
    this.steps.push({ method, info, exchange });
    if (exchange.error && (!exchange.response || exchange.error.code === 'budget-exhausted')) {
      // The single-call checks judge a target that does not respond; a sequence can only stop.
      throw new SequenceInconclusive(
        `${methodName} got no response (${exchange.error.code}), so the sequence could not go on`,
      );
    }
    const status = exchange.response?.status;
    const answer = exchange.response?.json;
    return { status, json: status === 200 ? answer : undefined, body: answer, exchange };
  }

  /** Calls and requires a 200, stopping the sequence with a failure otherwise. */
  async expectOk(methodName: string, credential: CredentialKind, body: unknown): Promise<unknown> {
    const { status, json, exchange } = await this.call(methodName, credential, body);
    if (status !== 200) {
      this.fail(this.check, `${methodName} answers 200 in this sequence`, {
        message: `${methodName} did not return 200`,
        expected: '200',
        actual: describeOutcome(exchange),
      });
    }
    return json;
  }

  /** Stops the sequence with a failure at the last step. */
  fail(
    check: CheckName,
    rule: string,
    detail: Omit<Violation, 'check' | 'rule' | 'severity' | 'step'>,
  ): never {
    throw new SequenceStopped({
      check,
      rule,
      severity: 'failure',
      step: this.steps.length - 1,
      ...detail,
    });
  }

  /** Records a break at the last step: a failure stops, a warning (inferred rule) goes on. */
  breach(
    severity: Severity,
    check: CheckName,
    rule: string,
    detail: Omit<Violation, 'check' | 'rule' | 'severity' | 'step'>,
  ): void {
    const effective = this.session.options.strict ? 'failure' : severity;
    if (effective === 'failure') {
      this.fail(check, rule, detail);
    }
    this.warnings.push({ check, rule, severity, step: this.steps.length - 1, ...detail });
  }

  /** Lists the calls up to and including `lastStep`, each with its redacted curl line. */
  reportSteps(lastStep = this.steps.length - 1): SequenceStep[] {
    return this.steps.slice(0, lastStep + 1).map((step) => ({
      method: step.method.name,
      credential: step.info.credential,
      status: step.exchange.response?.status,
      curl: buildFinding(this.session, 'lifecycle', step.method, step.info, step.exchange, {
        severity: 'warning',
        message: '',
        expected: '',
        actual: '',
        pointer: '',
      }).curl,
    }));
  }

  /** Turns a violation into a finding against the step where it broke. */
  finding(violation: Violation): Finding | undefined {
    const step = this.steps[violation.step];
    if (!step) {
      return undefined;
    }
    const draft: FindingDraft = {
      severity: violation.severity,
      message: `${violation.rule}: ${violation.message}`,
      expected: violation.expected,
      actual: violation.actual,
      pointer: '',
    };
    return buildFinding(
      this.session,
      violation.check,
      step.method,
      step.info,
      step.exchange,
      draft,
    );
  }
}

export function describeOutcome(exchange: Exchange): string {
  if (exchange.error) {
    return `${exchange.error.code}: ${exchange.error.message}`;
  }
  const response = exchange.response;
  if (!response) {
    return 'no response';
  }
  const body =
    response.bodyText.length > 200 ? `${response.bodyText.slice(0, 200)}…` : response.bodyText;
  return `${response.status} ${body}`;
}
