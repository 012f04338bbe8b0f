import type { CheckName, Verdict } from '../checks/types.js';
import type { RunResult } from '../run/results.js';
import { countVerdicts, describeShard, plural, type VerdictCounts } from './format.js';
import type { ReporterOptions } from './options.js';
import { redactRunResult, resolveReporterOptions } from './redaction.js';
import type { Reporter, RunEndState } from './types.js';
import { writeReport } from './write-report.js';

/** File name of the certificate inside the reports folder. */
export const CERTIFICATE_FILE = 'certificate.json';

/** Version of the certificate's own format; it changes when a field changes meaning. */
export const CERTIFICATE_FORMAT = 1;

/** One method x check of a certificate. */
export interface CertificateCheck {
  check: CheckName;
  verdict: Verdict;
  /** Exchanges the check judged: the evidence behind the verdict. */
  exchanges: number;
  failures: number;
  warnings: number;
  reason?: string;
}

/** One method of a certificate with every check the run applied to it. */
export interface CertificateMethod {
  method: string;
  extension: boolean;
  exchanges: number;
  checks: CertificateCheck[];
}

/** The content of `certificate.json`: what one run proved about one target. */
export interface Certificate {
  format: number;
  /** `certified` only when nothing failed and everything was proven. */
  verdict: 'certified' | 'not-certified';
  /** Reasons the target is not certified; empty when it is. */
  reasons: string[];
  harnessVersion: string;
  specVersion: string;
  specHash: string;
  target: string;
  /** When the certificate was written (ISO 8601). */
  issuedAt: string;
  /** When the run started (ISO 8601). */
  runStartedAt: string;
  profile: string;
  seed: number;
  strict: boolean;
  command: string;
  shard?: { index: number; count: number };
  counts: VerdictCounts;
  methods: CertificateMethod[];
  sequences: { name: string; check: CheckName; verdict: Verdict; message?: string }[];
}

function collectReasons(result: RunResult): string[] {
  const reasons: string[] = [];
  for (const method of result.methods) {
    for (const cell of method.checks) {
      const where = `${method.method} ${cell.check}`;
      if (cell.verdict === 'fail') {
        reasons.push(`${where} failed (${plural(cell.failures, 'failure')})`);
      } else if (cell.verdict === 'not-proven') {
        reasons.push(`${where} is not proven: ${cell.reason ?? 'no exchange was judged'}`);
      }
    }
  }
  for (const sequence of result.sequences) {
    if (sequence.verdict === 'fail') {
      reasons.push(
        `sequence ${sequence.name} failed${sequence.message ? `: ${sequence.message}` : ''}`,
      );
    } else if (sequence.verdict === 'not-proven') {
      reasons.push(
        `sequence ${sequence.name} is not proven${sequence.message ? `: ${sequence.message}` : ''}`,
      );
    }
  }
  if (result.summary.budgetExhausted) {
    reasons.push('the request budget ran out before every planned request was sent');
  }
  const shard = describeShard(result);
  if (shard !== undefined) {
    reasons.push(`the results cover shard ${shard} only; merge every shard before certifying`);
  }
  if (result.methods.length === 0) {
    reasons.push('the run judged no method');
  }
  return reasons;
}

function certificateMethods(result: RunResult): CertificateMethod[] {
  return result.methods.map((method) => ({
    method: method.method,
    extension: method.extension,
    exchanges: method.exchanges,
    checks: method.checks.map((cell) => {
      const check: CertificateCheck = {
        check: cell.check,
        verdict: cell.verdict,
        exchanges: cell.exchanges,
        failures: cell.failures,
        warnings: cell.warnings,
      };
      if (cell.reason !== undefined) {
        check.reason = cell.reason;
      }
      return check;
    }),
  }));
}

/**
 * Builds the certificate of a run. The verdict is `certified` only when no cell or sequence
 * failed, none is unproven, the budget did not cut the run short and the result is not a single
 * shard. Every other case is `not-certified`, with its reasons listed.
 */
export function buildCertificate(result: RunResult, issuedAt: Date): Certificate {
  const reasons = collectReasons(result);
  const certificate: Certificate = {
    format: CERTIFICATE_FORMAT,
    verdict: reasons.length === 0 ? 'certified' : 'not-certified',
    reasons,
    harnessVersion: result.harnessVersion,
    specVersion: result.specVersion,
    specHash: result.specHash,
    target: result.target,
    issuedAt: issuedAt.toISOString(),
    runStartedAt: result.startedAt,
    profile: result.profile,
    seed: result.seed,
    strict: result.strict,
    command: result.command,
    counts: countVerdicts(result),
    methods: certificateMethods(result),
    sequences: result.sequences.map((sequence) => ({
      name: sequence.name,
      check: sequence.check,
      verdict: sequence.verdict,
      ...(sequence.message === undefined ? {} : { message: sequence.message }),
    })),
  };
  if (result.shard !== undefined) {
    certificate.shard = result.shard;
  }
  return certificate;
}

/** Creates the certificate reporter, which writes `certificate.json` for certification runs. */
export function createCertificateReporter(options: ReporterOptions = {}): Reporter {
  const resolved = resolveReporterOptions(options);
  return {
    name: 'certificate',
    async onRunEnd(state: RunEndState): Promise<void> {
      const result = redactRunResult(state.result, resolved.redact);
      const certificate = buildCertificate(result, resolved.now());
      const text = `${JSON.stringify(certificate, null, 2)}\n`;
      await writeReport(state.reportsDir, CERTIFICATE_FILE, text, resolved.redact);
    },
  };
}
