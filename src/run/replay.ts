import { readFile } from 'node:fs/promises';
import { judgeExchange } from '../checks/index.js';
import type { Finding } from '../checks/types.js';
import type { ResolvedOptions } from '../config/options.js';
import { HarnessError } from '../errors.js';
import { rawBody } from '../http/request.js';
import type { Exchange } from '../http/types.js';
import type { RunResult, SequenceResult } from './results.js';
import { SEQUENCES } from './sequences/run-sequences.js';
import { createSession, type RunSession } from './session.js';

/** Outcome of one failure sent again. */
export type ReplayVerdict = 'fixed' | 'still-failing' | 'error';

export interface ReplayOutcome {
  /** `method · check` for a single call, or the sequence's name. */
  subject: string;
  verdict: ReplayVerdict;
  detail: string;
}

/** Reads a results.json, or fails with a one-line harness error naming the file. */
export async function readResults(path: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new HarnessError('HARNESS_RESULTS_INVALID', `Cannot read results ${path} (${code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HarnessError('HARNESS_RESULTS_INVALID', `Results ${path} is not valid JSON`);
  }
  const result = parsed as Partial<RunResult>;
  if (!Array.isArray(result.findings) || !Array.isArray(result.sequences)) {
    throw new HarnessError(
      'HARNESS_RESULTS_INVALID',
      `Results ${path} has no findings and sequences; give a results.json of partly-conformance run`,
    );
  }
  return result as RunResult;
}

/** Puts the configured secrets back where the report has `$PARTLY_...` references. */
function restoreSecrets(text: string, options: ResolvedOptions): string {
  const { repairer, supplier, oauth } = options.credentials;
  const values: Record<string, string> = {
    PARTLY_REPAIRER_API_KEY: repairer.apiKey,
    PARTLY_SUPPLIER_API_KEY: supplier.apiKey,
    PARTLY_OAUTH_CLIENT_SECRET: oauth.clientSecret,
    PARTLY_OAUTH_ACCESS_CODE: oauth.accessCode,
  };
  return text.replace(/\$(PARTLY_[A-Z_]+)/g, (reference, name: string) => {
    const value = values[name];
    return value === undefined ? reference : JSON.stringify(value).slice(1, -1);
  });
}

/**
 * The failing single calls, one per method, check and case (the report keeps up to 20 per cell).
 * Steps of a failing sequence are left out: the sequence is replayed whole.
 */
function failuresToReplay(result: RunResult): Finding[] {
  const seen = new Set<string>();
  return result.findings.filter((finding) => {
    const key = `${finding.method}\u0000${finding.check}\u0000${finding.caseId}`;
    const single = finding.replay !== undefined && finding.replay.case.kind !== 'sequence';
    if (finding.severity !== 'failure' || !single || seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

async function replayFinding(session: RunSession, finding: Finding): Promise<ReplayOutcome> {
  const subject = `${finding.method} · ${finding.check}`;
  const method = session.catalogue.byName.get(finding.method);
  const replay = finding.replay;
  if (!method || !replay) {
    return { subject, verdict: 'error', detail: 'the spec no longer has this method' };
  }
  const body =
    replay.body === undefined ? undefined : rawBody(restoreSecrets(replay.body, session.options));
  const headers = session.headers.headers(replay.case.credential);
  const exchange: Exchange = await session.client.send({ method: method.name, headers, body });
  if (exchange.error && !exchange.response) {
    return {
      subject,
      verdict: 'error',
      detail: `${exchange.error.code}: ${exchange.error.message}`,
    };
  }
  const outcome = judgeExchange(
    { exchange, method, case: replay.case },
    session.options.strict,
  ).find((candidate) => candidate.name === finding.check);
  const failure = outcome?.findings.find((draft) => draft.severity === 'failure');
  if (failure) {
    return { subject, verdict: 'still-failing', detail: failure.message };
  }
  return {
    subject,
    verdict: 'fixed',
    detail: `answered ${exchange.response?.status ?? 'nothing'}`,
  };
}

async function replaySequence(session: RunSession, failed: SequenceResult): Promise<ReplayOutcome> {
  const sequence = SEQUENCES.find((candidate) => candidate.name === failed.name);
  if (!sequence) {
    return { subject: failed.name, verdict: 'error', detail: 'no such sequence in this harness' };
  }
  const outcome = await sequence.run(session);
  const verdict: ReplayVerdict =
    outcome.result.verdict === 'pass'
      ? 'fixed'
      : outcome.result.verdict === 'fail'
        ? 'still-failing'
        : 'error';
  return { subject: failed.name, verdict, detail: outcome.result.message ?? '' };
}

/**
 * Sends each failing case of a results.json again, single calls and sequences, and judges it by
 * the check that failed.
 */
export async function replayResults(
  result: RunResult,
  options: ResolvedOptions,
  targetUrl: string,
): Promise<ReplayOutcome[]> {
  const session = await createSession(options, targetUrl);
  try {
    const outcomes: ReplayOutcome[] = [];
    for (const finding of failuresToReplay(result)) {
      outcomes.push(await replayFinding(session, finding));
    }
    for (const sequence of result.sequences.filter((item) => item.verdict === 'fail')) {
      outcomes.push(await replaySequence(session, sequence));
    }
    return outcomes;
  } finally {
    await session.client.close();
  }
}
