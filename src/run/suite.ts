import { beforeAll, describe, inject, test } from 'vitest';
import type { CheckName, Finding } from '../checks/types.js';
import type { MethodEntry } from '../spec/types.js';
import { checksFor, noEvidenceReason } from './applicable.js';
import { discover } from './discovery.js';
import { executeCases } from './execute.js';
import { groupOf, type MethodGroup } from './groups.js';
import type { CellMeta } from './meta.js';
import { interleave, planMethod, skipReason } from './plan.js';
import type { CheckResult, WireObservation } from './results.js';
import { getSession, type RunSession } from './session.js';

/** Maximum time a group of methods may take to send its cases, in milliseconds. */
const GROUP_TIMEOUT_MS = 30 * 60 * 1000;

/** Reads what the CLI (or the suites' global setup) provided: options and target. */
export async function sessionForSuite(): Promise<RunSession> {
  const inputs = inject('partlyRun');
  return getSession(inputs.options, inputs.targetUrl);
}

function describeFailure(method: string, check: CheckName, findings: Finding[]): string {
  const first = findings.find((finding) => finding.severity === 'failure');
  const where = first?.pointer ? ` at ${first.pointer}` : '';
  return `${method} breaks ${check}: ${first?.message ?? 'see the report'}${where}`;
}

function cellResult(session: RunSession, method: MethodEntry, check: CheckName): CheckResult {
  const reason = skipReason(method, session.options) ?? noEvidenceReason(session, check);
  return session.aggregator.result(method.name, check, reason);
}

function defineCellTest(
  session: RunSession,
  method: MethodEntry,
  check: CheckName,
  first: boolean,
) {
  test(check, (context) => {
    const result = cellResult(session, method, check);
    const findings = session.aggregator.findingsOf(method.name, check);
    const meta: CellMeta = {
      kind: 'cell',
      method: method.name,
      extension: method.extension,
      methodExchanges: session.aggregator.exchangesOf(method.name),
      result,
      findings,
    };
    if (first) {
      const observation = session.observer
        .snapshot()
        .find((item: WireObservation) => item.method === method.name);
      if (observation) {
        meta.observation = observation;
      }
      meta.budgetExhausted = session.client.stats().budgetExhausted;
    }
    context.task.meta.partly = meta;
    if (result.verdict === 'not-proven') {
      context.skip(`not proven: ${result.reason ?? 'no evidence'}`);
    }
    if (result.verdict === 'fail') {
      throw new Error(describeFailure(method.name, check, findings));
    }
  });
}

/**
 * Declares the single-call conformance tests of one group of methods: one describe per method,
 * one test per applicable check. The cases of the whole group are sent before the tests read
 * their verdicts.
 */
export async function defineMethodGroupSuite(group: MethodGroup): Promise<void> {
  const session = await sessionForSuite();
  const methods = session.catalogue.methods.filter((method) => groupOf(method) === group);

  beforeAll(async () => {
    await discover(session);
    const plans = methods.map((method) => planMethod(method, session.generators, session.options));
    await executeCases(session, interleave(plans));
  }, GROUP_TIMEOUT_MS);

  for (const method of methods) {
    describe(method.name, () => {
      for (const [index, check] of checksFor(method).entries()) {
        defineCellTest(session, method, check, index === 0);
      }
    });
  }
}
