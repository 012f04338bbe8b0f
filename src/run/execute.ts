import { judgeExchange } from '../checks/index.js';
import type { CaseInfo, CheckName, Finding, FindingDraft } from '../checks/types.js';
import { renderCurl } from '../http/curl.js';
import type { Exchange } from '../http/types.js';
import type { MethodEntry } from '../spec/types.js';
import type { PlannedCase } from './plan.js';
import type { RunSession } from './session.js';

/** Maximum length of the request and response body excerpts a finding keeps. */
const EXCERPT_CHARS = 2048;
/** Requests one shrink may send; a shrink stops there with the smallest failure so far. */
const MAX_SHRINK_REQUESTS = 40;
const MINTED_KEY_NAME = 'PARTLY_MINTED_API_KEY';

function excerpt(text: string | undefined): string | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (text.length <= EXCERPT_CHARS) {
    return text;
  }
  // V8 makes a slice a view that keeps its whole parent string alive, which would tie up to the
  // body cap to every kept finding. The JSON round trip copies the characters, lone surrogates too.
  const copy = JSON.parse(JSON.stringify(text.slice(0, EXCERPT_CHARS))) as string;
  return `${copy}…`;
}

/** Registers an `api_key` that `integrations.insert` minted, before anything can print it. */
function registerMintedKey(session: RunSession, method: MethodEntry, exchange: Exchange): void {
  if (method.name !== 'integrations.insert') {
    return;
  }
  const json = exchange.response?.json as { api_key?: unknown } | undefined;
  if (typeof json?.api_key === 'string') {
    session.redactor.add(json.api_key, MINTED_KEY_NAME);
  }
}

/** Sends one case with the headers of its credential and the run's tenant. */
export async function sendCase(
  session: RunSession,
  method: MethodEntry,
  info: CaseInfo,
  body: unknown,
  tenant: string | false = session.options.tenant,
): Promise<Exchange> {
  const headers = session.headers.headers(info.credential, tenant);
  const exchange = await session.client.send({ method: method.name, headers, body });
  registerMintedKey(session, method, exchange);
  return exchange;
}

/** Builds a reportable finding: redacted, with its curl line and body excerpts. */
export function buildFinding(
  session: RunSession,
  check: CheckName,
  method: MethodEntry,
  info: CaseInfo,
  exchange: Exchange,
  draft: FindingDraft,
): Finding {
  const redact = (text: string): string => session.redactor.redactText(text);
  const finding: Finding = {
    ...draft,
    message: redact(draft.message),
    expected: redact(draft.expected),
    actual: redact(draft.actual),
    check,
    method: method.name,
    caseId: info.id,
    exchangeId: exchange.id,
    curl: renderCurl(exchange.request, session.redactor),
    replay: {
      case: info,
      body: exchange.request.body === undefined ? undefined : redact(exchange.request.body),
    },
  };
  const requestBody = excerpt(exchange.request.body);
  if (requestBody !== undefined) {
    finding.requestBody = redact(requestBody);
  }
  if (exchange.response) {
    finding.responseStatus = exchange.response.status;
    finding.responseBody = redact(excerpt(exchange.response.bodyText) ?? '');
  } else if (exchange.error) {
    finding.responseBody = `${exchange.error.code}: ${redact(exchange.error.message)}`;
  }
  return finding;
}

/** A failure one check found in one exchange. */
export interface JudgedFailure {
  check: CheckName;
  /** The finding the aggregator keeps for it; undefined when its cell was already full. */
  kept: Finding | undefined;
}

/**
 * Judges one exchange with every check and records the evidence; returns its failures. A finding
 * is built only when the aggregator keeps it: the rest are counted.
 */
export function judgeAndRecord(
  session: RunSession,
  method: MethodEntry,
  info: CaseInfo,
  exchange: Exchange,
): JudgedFailure[] {
  const { aggregator, options } = session;
  aggregator.countExchange(method.name);
  session.observer.observe(method, exchange);
  const failures: JudgedFailure[] = [];
  for (const outcome of judgeExchange({ exchange, method, case: info }, options.strict)) {
    if (!outcome.evidence) {
      continue;
    }
    const check = outcome.name;
    const kept = aggregator.recordDrafts(method.name, check, outcome.findings, (draft) =>
      buildFinding(session, check, method, info, exchange, draft),
    );
    outcome.findings.forEach((draft, index) => {
      if (draft.severity === 'failure') {
        failures.push({ check, kept: kept[index] });
      }
    });
  }
  return failures;
}

function isBudgetExhausted(exchange: Exchange): boolean {
  return exchange.error?.code === 'budget-exhausted';
}

/** Returns whether a shrunk candidate is still a valid request, the only kind worth sending. */
function isStillValid(method: MethodEntry, body: unknown): boolean {
  const validation = method.validateRequest(body);
  return validation.failures.length === 0 && validation.warnings.length === 0;
}

/** Finds the failure of one check in an exchange, without recording anything. */
function failureOf(
  session: RunSession,
  planned: PlannedCase,
  exchange: Exchange,
  check: CheckName,
): FindingDraft | undefined {
  const context = { exchange, method: planned.method, case: planned.info };
  const outcome = judgeExchange(context, session.options.strict).find(
    (candidate) => candidate.name === check,
  );
  return outcome?.findings.find((draft) => draft.severity === 'failure');
}

/**
 * Shrinks a failing valid case with fast-check's shrinker: each smaller candidate is sent and
 * judged again by the failing check, and the smallest that still fails is kept.
 */
async function shrinkFailure(
  session: RunSession,
  planned: PlannedCase,
  check: CheckName,
): Promise<Finding | undefined> {
  const shrinkable = planned.shrinkable;
  if (!shrinkable) {
    return undefined;
  }
  let current = shrinkable.value;
  let best: { exchange: Exchange; draft: FindingDraft } | undefined;
  let requests = 0;
  let steps = 0;
  let improved = true;
  while (improved && requests < MAX_SHRINK_REQUESTS) {
    improved = false;
    for (const candidate of shrinkable.arbitrary.shrink(current.value, current.context)) {
      if (requests >= MAX_SHRINK_REQUESTS) {
        break;
      }
      if (!isStillValid(planned.method, candidate.value.body)) {
        continue;
      }
      requests += 1;
      const exchange = await sendCase(session, planned.method, planned.info, candidate.value.body);
      if (isBudgetExhausted(exchange)) {
        requests = MAX_SHRINK_REQUESTS;
        break;
      }
      const draft = failureOf(session, planned, exchange, check);
      if (draft) {
        current = candidate;
        best = { exchange, draft };
        steps += 1;
        improved = true;
        break;
      }
    }
  }
  if (!best) {
    return undefined;
  }
  const shrunk = buildFinding(
    session,
    check,
    planned.method,
    planned.info,
    best.exchange,
    best.draft,
  );
  shrunk.shrinkSteps = steps;
  return shrunk;
}

/**
 * Sends every case with bounded concurrency, judging each response as it arrives so that only
 * counters and findings stay in memory. The first failure of each method x check is shrunk.
 */
/**
 * Exchanges in a row that got no response at all, after which a run stops sending: the target
 * is silent, and each further request would only wait for its timeout.
 */
export const SILENT_TARGET_LIMIT = 50;

/** Reason given for the cells a silent target left unjudged. */
export const SILENT_TARGET_REASON = `not judged: the run stopped sending after ${SILENT_TARGET_LIMIT} requests in a row got no response`;

export async function executeCases(
  session: RunSession,
  cases: Iterable<PlannedCase>,
): Promise<void> {
  const iterator = cases[Symbol.iterator]();
  const toShrink = new Map<string, ShrinkTarget>();
  let stopped = false;
  let silentInARow = 0;

  const worker = async (): Promise<void> => {
    while (!stopped) {
      const next = iterator.next();
      if (next.done) {
        return;
      }
      const planned = next.value;
      const exchange = await sendCase(session, planned.method, planned.info, planned.body);
      if (isBudgetExhausted(exchange)) {
        stopped = true;
        return;
      }
      silentInARow = exchange.response === undefined ? silentInARow + 1 : 0;
      if (silentInARow >= SILENT_TARGET_LIMIT) {
        // Every further request would wait for its own timeout and prove nothing new.
        session.silentTarget = true;
        stopped = true;
      }
      const failures = judgeAndRecord(session, planned.method, planned.info, exchange);
      for (const failure of failures) {
        const key = `${planned.method.name}\u0000${failure.check}`;
        if (planned.shrinkable && !toShrink.has(key)) {
          toShrink.set(key, { planned, ...failure });
        }
      }
    }
  };

  const workers = Array.from({ length: session.options.concurrency }, () => worker());
  await Promise.all(workers);
  if (!session.silentTarget) {
    await shrinkAll(session, toShrink.values());
  }
}

/** The first failure of a method x check, with the case to shrink it from. */
interface ShrinkTarget extends JudgedFailure {
  planned: PlannedCase;
}

/**
 * Shrinks each first failure. A failure whose finding the full cell did not keep is shrunk all
 * the same, so the requests a run sends do not depend on how many findings came before.
 */
async function shrinkAll(session: RunSession, targets: Iterable<ShrinkTarget>): Promise<void> {
  for (const { planned, check, kept } of targets) {
    const shrunk = await shrinkFailure(session, planned, check);
    if (shrunk && kept) {
      session.aggregator.replaceFinding(planned.method.name, check, kept, shrunk);
    }
  }
}
