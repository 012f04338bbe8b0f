import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULTS } from '../config/defaults.js';
import { type DriftCheckOptions, runDriftCheck } from '../drift/check.js';
import { formatDriftSummary } from '../drift/summary.js';
import { createColours } from '../reporters/colour.js';
import { isUrl } from '../spec/load-document.js';
import { PACKAGE_ROOT } from '../version.js';

interface DriftCommandOptions {
  target?: string;
  liveSpec?: string;
  spec?: string;
  results?: string;
  reports?: string;
}

/** Resolves a user path against the working directory, and the default spec against the package. */
function resolveSpec(given: string | undefined): string {
  if (given === undefined) {
    return resolve(PACKAGE_ROOT, DEFAULTS.spec);
  }
  return isUrl(given) || isAbsolute(given) ? given : resolve(process.cwd(), given);
}

function toCheckOptions(options: DriftCommandOptions): DriftCheckOptions {
  const check: DriftCheckOptions = { spec: resolveSpec(options.spec) };
  if (options.target !== undefined) {
    check.target = options.target;
  }
  if (options.liveSpec !== undefined) {
    check.liveSpec = options.liveSpec;
  }
  if (options.results !== undefined) {
    check.results = options.results;
  }
  if (options.reports !== undefined) {
    check.reports = options.reports;
  }
  return check;
}

/**
 * Runs the drift command, prints its summary and returns the exit code: 1 on any breaking
 * difference, 0 otherwise. A harness error (a live spec that cannot be loaded, bad options)
 * propagates, and the CLI turns it into one line and exit code 2.
 */
export async function runDriftCommand(
  options: DriftCommandOptions,
  print: (line: string) => void = console.log,
): Promise<number> {
  const result = await runDriftCheck(toCheckOptions(options));
  const colours = createColours(process.stdout, process.env);
  for (const line of formatDriftSummary(result, colours)) {
    print(line);
  }
  return result.exitCode;
}

/** Registers `partly-conformance drift`: the live spec of a deployment against the pinned one. */
export function registerDriftCommand(program: Command): void {
  program
    .command('drift')
    .description(
      'compare the live spec of a deployment with the pinned spec, add the wire observations of a run, and record the trend',
    )
    .option('--target <url>', 'base URL of the deployment; its <url>/openapi.json is compared')
    .option('--live-spec <path|url>', 'file path or URL of the live spec, in place of --target')
    .option('--spec <path|url>', `pinned spec (default: ${DEFAULTS.spec})`)
    .option(
      '--results <file>',
      "a run's results.json to take wire observations from (default: <reports>/results.json if present)",
    )
    .option(
      '--reports <dir>',
      `folder for drift.json, drift-junit.xml, drift.html and history/ (default: ${DEFAULTS.reports})`,
    )
    .action(async (options: DriftCommandOptions) => {
      process.exitCode = await runDriftCommand(options);
    });
}
