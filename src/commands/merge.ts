import type { Command } from 'commander';
import type { ReporterName, ResolvedOptions } from '../config/options.js';
import { resolveOptions } from '../config/resolve.js';
import { createRedactor, credentialSecrets } from '../http/redact.js';
import { createReporters } from '../reporters/index.js';
import { loadRunResult, mergeRunResults } from '../run/merge.js';
import type { RunResult } from '../run/results.js';

interface MergeFlags {
  reports?: string;
  reporter?: string;
}

function parseReporters(value: string | undefined): ReporterName[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '') as ReporterName[];
}

/** Resolves options for the reporters of a merged run from its seed, profile and the flags. */
function resolveMergeOptions(result: RunResult, flags: MergeFlags): ResolvedOptions {
  const reporters = parseReporters(flags.reporter);
  return resolveOptions({
    seed: result.seed,
    profile: result.profile === 'certify' ? 'certify' : 'gate',
    strict: result.strict,
    ...(flags.reports === undefined ? {} : { reports: flags.reports }),
    ...(reporters === undefined ? {} : { reporters }),
  });
}

/** Returns true when the merged run has a violation, which ends the command with exit code 1. */
function hasViolations(result: RunResult): boolean {
  return result.summary.failures > 0 || result.summary.verdicts.fail > 0;
}

async function mergeCommand(paths: string[], flags: MergeFlags): Promise<void> {
  const inputs = [];
  for (const path of paths) {
    inputs.push(await loadRunResult(path));
  }
  const result = mergeRunResults(inputs);
  const options = resolveMergeOptions(result, flags);
  // Shard results are redacted already; the configured secrets are masked again in case a
  // shard was written by a careless tool.
  const redactor = createRedactor(credentialSecrets(options.credentials));
  const reporters = createReporters(options.reporters, {
    redact: (text: string) => redactor.redactText(text),
    profile: options.profile,
  });
  console.log(`merged ${inputs.length} results of seed ${result.seed} into ${options.reports}`);
  for (const reporter of reporters) {
    await reporter.onRunEnd?.({ result, reportsDir: options.reports, options });
  }
  process.exitCode = hasViolations(result) ? 1 : 0;
}

/** Registers `merge <results.json...>`: combines shard results into one run and writes its reports. */
export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('combine the results.json files of the shards of one run and write its reports')
    .argument('<results...>', 'results.json of each shard')
    .option('--reports <dir>', 'folder for the merged reports (default: reports)')
    .option('--reporter <names>', 'comma-separated: console,junit,json,html,github')
    .action(mergeCommand);
}
