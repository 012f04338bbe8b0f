import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import type { HarnessOptions, ReporterName } from '../config/options.js';
import { loadConfigFile, resolveOptions } from '../config/resolve.js';
import { appendHistory, historyRecordFromRun } from '../drift/history.js';
import { HarnessError } from '../errors.js';
import { createReporters } from '../reporters/index.js';
import { driveSuites } from '../run/drive.js';
import { countPlannedCases, describePlan } from '../run/dry-run.js';
import { createRunRedactor } from '../run/session.js';
import { withTarget } from '../run/target.js';
import { loadCatalogue } from '../spec/index.js';
import type { Catalogue } from '../spec/types.js';
import { collect } from './collect.js';

interface RunFlags {
  target?: string;
  spec?: string;
  extensionsSpec?: string | boolean;
  seed?: string;
  cases?: string;
  concurrency?: string;
  reports?: string;
  config?: string;
  strict?: boolean;
  tenant?: string | boolean;
  profile?: string;
  allowWrites?: string[];
  maxRequests?: string;
  rate?: string;
  reporter?: string;
  shard?: string;
  fault?: string[];
  maxBodyBytes?: string;
  timeout?: string;
  dryRun?: boolean;
}

/** Reads a whole-number flag of at least `minimum`, naming the flag when it is not one. */
function integerFlag(name: string, value: string | undefined, minimum = 1): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw new HarnessError(
      'HARNESS_CONFIG_INVALID',
      `Invalid --${name}: ${JSON.stringify(value)}; use a whole number of ${minimum} or more`,
    );
  }
  return number;
}

/** Lays CLI flags over the config file's options; a flag that was not given changes nothing. */
export function mergeFlags(config: HarnessOptions, flags: RunFlags): HarnessOptions {
  const merged: Record<string, unknown> = { ...config };
  const set = (key: keyof HarnessOptions, value: unknown): void => {
    if (value !== undefined) {
      merged[key] = value;
    }
  };
  set('target', flags.target);
  set('spec', flags.spec);
  // commander gives `true` for a `--no-x` option that was not given: no change then.
  set('extensionsSpec', flags.extensionsSpec === true ? undefined : flags.extensionsSpec);
  set('seed', integerFlag('seed', flags.seed, 0));
  set('cases', integerFlag('cases', flags.cases));
  set('concurrency', integerFlag('concurrency', flags.concurrency));
  set('reports', flags.reports);
  set('strict', flags.strict);
  set('tenant', flags.tenant === true ? undefined : flags.tenant);
  set('profile', flags.profile);
  set('allowWrites', flags.allowWrites);
  set('maxRequests', integerFlag('max-requests', flags.maxRequests));
  set('rate', flags.rate);
  set('shard', flags.shard);
  set('faults', flags.fault);
  set('maxBodyBytes', integerFlag('max-body-bytes', flags.maxBodyBytes));
  if (flags.reporter !== undefined) {
    merged.reporters = flags.reporter.split(',').map((name) => name.trim()) as ReporterName[];
  }
  const timeout = integerFlag('timeout', flags.timeout);
  if (timeout !== undefined) {
    merged.timeouts = { ...config.timeouts, headersMs: timeout, bodyMs: timeout, totalMs: timeout };
  }
  return merged as HarnessOptions;
}

/** Report files a run writes; an older run's copies are removed first, so none is left stale. */
const RUN_REPORT_FILES = ['results.json', 'junit.xml', 'report.html', 'certificate.json'];

async function clearReports(folder: string): Promise<void> {
  await Promise.all(RUN_REPORT_FILES.map((name) => rm(join(folder, name), { force: true })));
}

/** Checks that every method `--allow-writes` names exists and changes state. */
function assertWritableMethods(catalogue: Catalogue, names: readonly string[]): void {
  const writable = catalogue.methods
    .filter((method) => method.mutates)
    .map((method) => method.name);
  for (const name of names) {
    if (!writable.includes(name)) {
      throw new HarnessError(
        'HARNESS_CONFIG_INVALID',
        `Invalid --allow-writes ${JSON.stringify(name)}: not a state-changing method; use some of ${writable.join(', ')}`,
      );
    }
  }
}

async function runCommand(flags: RunFlags): Promise<void> {
  const options = resolveOptions(mergeFlags(await loadConfigFile(flags.config), flags));
  const catalogue = await loadCatalogue({
    spec: options.spec,
    extensionsSpec: options.extensionsSpec,
  });
  assertWritableMethods(catalogue, options.allowWrites);
  if (flags.dryRun) {
    for (const line of describePlan(catalogue, options)) {
      console.log(line);
    }
    return;
  }
  await clearReports(options.reports);
  // Ctrl-C stops at once, and the message explains that an interrupted run writes no report.
  process.once('SIGINT', () => {
    console.error('error: interrupted; the run stopped before its reports were written');
    process.exit(130);
  });
  const redactor = createRunRedactor(options);
  const reporters = createReporters(options.reporters, {
    redact: (text: string) => redactor.redactText(text),
    profile: options.profile,
  });
  await withTarget(options, async (target) => {
    const outcome = await driveSuites({
      options,
      targetUrl: target.url,
      embedded: target.embedded,
      reporters,
      methodsTotal: catalogue.methods.length,
      plannedCases: countPlannedCases(catalogue, options),
    });
    if (outcome.runError !== undefined && outcome.runErrorIsHarness) {
      throw new HarnessError('HARNESS_CONFIG_INVALID', outcome.runError);
    }
    if (outcome.runError !== undefined || !outcome.result) {
      throw new HarnessError(
        'HARNESS_INTERNAL',
        `The run could not finish: ${outcome.runError ?? 'no result was produced'}`,
      );
    }
    // Each run adds a night to the drift trend, whether it passed or not.
    await appendHistory(options.reports, historyRecordFromRun(outcome.result));
    const { summary } = outcome.result;
    process.exitCode = summary.failures > 0 || summary.verdicts.fail > 0 ? 1 : 0;
  });
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the conformance suites against a target and write the reports')
    .option('--target <url>', 'base URL of the target (default: the embedded reference target)')
    .option('--spec <path|url>', 'pinned wire spec')
    .option('--extensions-spec <path|url>', 'spec of the three extension methods')
    .option('--no-extensions-spec', 'leave the three extension methods out')
    .option('--seed <n>', 'seed of every generator (default: random, printed)')
    .option('--cases <n>', 'valid and invalid cases per method, each (default: 100)')
    .option('--concurrency <n>', 'requests in flight at once (default: 16)')
    .option('--reports <dir>', 'folder for the reports (default: reports)')
    .option('--config <file>', 'config file (default: harness.config.ts if present)')
    .option('--strict', 'count warnings (inferred facts) as failures')
    .option('--tenant <name>', 'x-partifact-tenant value (default: a fresh one per run)')
    .option('--no-tenant', 'send no x-partifact-tenant header')
    .addOption(new Option('--profile <name>', 'gate or certify').choices(['gate', 'certify']))
    .option('--allow-writes <methods>', 'state-changing methods certify may call', collect)
    .option('--max-requests <n>', 'most requests the run may send')
    .option('--rate <rate>', 'most requests per second or minute, such as 10/s')
    .option('--reporter <names>', 'comma-separated: console,junit,json,html,github')
    .option('--shard <i/n>', 'run the i-th of n slices of the planned cases')
    .option('--fault <name>', 'fault switch of the embedded reference target', collect)
    .option('--max-body-bytes <n>', 'largest response body read (default: 1048576)')
    .option('--timeout <ms>', 'headers, body and total timeout of each request, in ms')
    .option('--dry-run', 'print the plan and send nothing')
    .action(runCommand);
}
