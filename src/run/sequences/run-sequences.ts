import type fc from 'fast-check';
import type { CheckName, Finding } from '../../checks/types.js';
import { SILENT_TARGET_REASON } from '../execute.js';
import { skipReason } from '../plan.js';
import { createRandom, deriveSeed } from '../random.js';
import type { SequenceResult } from '../results.js';
import type { RunSession } from '../session.js';
import {
  type BuyerLoopChoices,
  buyerLoopChoices,
  OPTIONAL_STEPS,
  type OptionalStep,
  runBuyerLoop,
} from './buyer-loop.js';
import { runInstall } from './install.js';
import { runIsolation } from './isolation.js';
import {
  SequenceInconclusive,
  SequenceRecorder,
  SequenceStopped,
  type Violation,
} from './recorder.js';
import { runRoleMatrix } from './role-matrix.js';

/** Buyer loops per run, each with its own choices and tenant. */
export const BUYER_LOOPS = 2;
/** Replays one failing buyer loop may use to find a shorter loop that still fails. */
const MAX_SHRINK_REPLAYS = 12;

const BUYER_LOOP_METHODS = [
  'repairer.jobs.insert',
  'repairer.jobs.parts.insert',
  'repairer.procurements.insert',
  'supplier.procurements.confirm',
];

interface Attempt {
  recorder: SequenceRecorder;
  violation?: Violation;
  inconclusive?: string;
}

export interface SequenceOutcome {
  result: SequenceResult;
  findings: Finding[];
}

/** Derives a tenant of its own for each sequence and replay from the run's tenant. */
function tenantFor(session: RunSession, label: string): string | false {
  const base = session.options.tenant;
  if (base === false) {
    return false;
  }
  return `${base.slice(0, 40)}-${label}`.slice(0, 64);
}

async function attempt(
  recorder: SequenceRecorder,
  body: (recorder: SequenceRecorder) => Promise<void>,
): Promise<Attempt> {
  try {
    await body(recorder);
    return { recorder };
  } catch (error) {
    if (error instanceof SequenceStopped) {
      return { recorder, violation: error.violation };
    }
    if (error instanceof SequenceInconclusive) {
      return { recorder, inconclusive: error.message };
    }
    throw error;
  }
}

function outcomeOf(
  name: string,
  check: CheckName,
  result: Attempt,
  callsNote = '',
): SequenceOutcome {
  const { recorder, violation } = result;
  const warnings = recorder.warnings.flatMap((warning) => recorder.finding(warning) ?? []);
  if (result.inconclusive !== undefined) {
    return {
      result: { name, check, verdict: 'not-proven', steps: [], message: result.inconclusive },
      findings: warnings,
    };
  }
  if (!violation) {
    const message = `${recorder.steps.length} calls, every rule kept${callsNote}`;
    return { result: { name, check, verdict: 'pass', steps: [], message }, findings: warnings };
  }
  const finding = recorder.finding(violation);
  return {
    result: {
      name,
      check: violation.check,
      verdict: 'fail',
      steps: recorder.reportSteps(violation.step),
      message: `${violation.rule}: ${violation.message}${callsNote}`,
    },
    findings: [...(finding ? [finding] : []), ...warnings],
  };
}

function missingMethods(session: RunSession, methods: string[]): string | undefined {
  for (const name of methods) {
    const method = session.catalogue.byName.get(name);
    if (!method) {
      return `the spec has no ${name}`;
    }
    const reason = skipReason(method, session.options);
    if (reason !== undefined) {
      return `${name} ${reason}`;
    }
  }
  return undefined;
}

function notProven(name: string, check: CheckName, message: string): SequenceOutcome {
  return { result: { name, check, verdict: 'not-proven', steps: [], message }, findings: [] };
}

function sameBreak(left: Violation | undefined, right: Violation | undefined): boolean {
  return left !== undefined && right !== undefined && left.rule === right.rule;
}

/**
 * Shrinks a failing buyer loop: first fast-check's smaller choices, then leaving out the steps
 * that feed nothing, each replayed in a fresh tenant. The shortest loop that still breaks the
 * same rule is kept.
 */
async function shrinkBuyerLoop(
  session: RunSession,
  index: number,
  value: fc.Value<BuyerLoopChoices>,
  failing: Attempt,
): Promise<{ attempt: Attempt; replays: number }> {
  let best = failing;
  let current = value;
  let skip = new Set<OptionalStep>();
  let replays = 0;
  const replay = async (choices: BuyerLoopChoices, steps: Set<OptionalStep>): Promise<Attempt> => {
    replays += 1;
    const label = `loop${index}s${replays}`;
    const recorder = new SequenceRecorder(
      session,
      `buyer-loop-${index}`,
      tenantFor(session, label),
    );
    const reference = `PC-${session.options.seed.toString(36)}-${label}`.toUpperCase();
    return attempt(recorder, (active) => runBuyerLoop(active, choices, reference, steps));
  };
  let improved = true;
  while (improved && replays < MAX_SHRINK_REPLAYS) {
    improved = false;
    for (const candidate of buyerLoopChoices.shrink(current.value, current.context)) {
      if (replays >= MAX_SHRINK_REPLAYS) {
        break;
      }
      const result = await replay(candidate.value, skip);
      if (sameBreak(result.violation, failing.violation)) {
        best = result;
        current = candidate;
        improved = true;
        break;
      }
    }
  }
  for (const step of OPTIONAL_STEPS) {
    if (replays >= MAX_SHRINK_REPLAYS) {
      break;
    }
    const fewer = new Set([...skip, step]);
    const result = await replay(current.value, fewer);
    if (sameBreak(result.violation, failing.violation)) {
      best = result;
      skip = fewer;
    }
  }
  return { attempt: best, replays };
}

async function buyerLoop(session: RunSession, index: number): Promise<SequenceOutcome> {
  const name = `buyer loop ${index + 1}`;
  if (session.silentTarget) {
    return notProven(name, 'lifecycle', SILENT_TARGET_REASON);
  }
  const missing = missingMethods(session, BUYER_LOOP_METHODS);
  if (missing !== undefined) {
    return notProven(name, 'lifecycle', missing);
  }
  const random = createRandom(deriveSeed(session.options.seed, `buyer-loop-${index}`));
  const value = buyerLoopChoices.generate(random, undefined);
  const label = `loop${index}`;
  const recorder = new SequenceRecorder(session, `buyer-loop-${index}`, tenantFor(session, label));
  const reference = `PC-${session.options.seed.toString(36)}-${label}`.toUpperCase();
  const first = await attempt(recorder, (active) =>
    runBuyerLoop(active, value.value, reference, new Set()),
  );
  if (!first.violation) {
    return outcomeOf(name, 'lifecycle', first);
  }
  const shrunk = await shrinkBuyerLoop(session, index, value, first);
  return outcomeOf(name, 'lifecycle', shrunk.attempt, ` (shrunk in ${shrunk.replays} replays)`);
}

async function isolation(session: RunSession): Promise<SequenceOutcome> {
  const name = 'tenant isolation';
  if (session.silentTarget) {
    return notProven(name, 'isolation', SILENT_TARGET_REASON);
  }
  if (session.options.tenant === false) {
    return notProven(
      name,
      'isolation',
      'no tenant header is sent, so there are no tenants to compare',
    );
  }
  const missing = missingMethods(session, ['repairer.jobs.insert', 'repairer.jobs.parts.insert']);
  if (missing !== undefined) {
    return notProven(name, 'isolation', missing);
  }
  const inA = new SequenceRecorder(session, 'isolation', tenantFor(session, 'iso-a'), 'isolation');
  const inB = new SequenceRecorder(session, 'isolation', tenantFor(session, 'iso-b'), 'isolation');
  const reference = `PC-${session.options.seed.toString(36)}-ISO`.toUpperCase();
  const result = await attempt(inB, async () => {
    await runIsolation(inA, inB, reference);
  });
  if (result.violation) {
    // The report lists the writes in A before the reads in B that saw them.
    const steps = [...inA.reportSteps(), ...inB.reportSteps(result.violation.step)];
    const outcome = outcomeOf(name, 'isolation', result);
    outcome.result.steps = steps;
    return outcome;
  }
  const outcome = outcomeOf(name, 'isolation', result);
  if (outcome.result.verdict === 'pass') {
    outcome.result.message = `${inA.steps.length + inB.steps.length} calls, every rule kept`;
  }
  return outcome;
}

async function roleMatrix(session: RunSession): Promise<SequenceOutcome> {
  if (session.silentTarget) {
    return notProven('role matrix', 'auth', SILENT_TARGET_REASON);
  }
  const recorder = new SequenceRecorder(
    session,
    'role-matrix',
    tenantFor(session, 'roles'),
    'auth',
  );
  return outcomeOf('role matrix', 'auth', await attempt(recorder, runRoleMatrix));
}

async function install(session: RunSession): Promise<SequenceOutcome> {
  const name = 'integration install';
  if (session.silentTarget) {
    return notProven(name, 'auth', SILENT_TARGET_REASON);
  }
  const missing = missingMethods(session, ['integrations.insert']);
  if (missing !== undefined) {
    return notProven(name, 'auth', missing);
  }
  if (session.options.tenant === false) {
    return notProven(name, 'auth', 'the demo grant is single-use and no fresh tenant is sent');
  }
  const recorder = new SequenceRecorder(session, 'install', tenantFor(session, 'install'), 'auth');
  return outcomeOf(name, 'auth', await attempt(recorder, runInstall));
}

/** The stateful sequences of a run, by name, each ending in one verdict. */
export const SEQUENCES: { name: string; run: (session: RunSession) => Promise<SequenceOutcome> }[] =
  [
    ...Array.from({ length: BUYER_LOOPS }, (_, index) => ({
      name: `buyer loop ${index + 1}`,
      run: (session: RunSession) => buyerLoop(session, index),
    })),
    { name: 'tenant isolation', run: isolation },
    { name: 'role matrix', run: roleMatrix },
    { name: 'integration install', run: install },
  ];
