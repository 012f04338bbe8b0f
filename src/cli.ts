import { Command, CommanderError } from 'commander';
import { registerDriftCommand } from './commands/drift.js';
import { registerMergeCommand } from './commands/merge.js';
import { registerMethodsCommand } from './commands/methods.js';
import { registerReplayCommand } from './commands/replay.js';
import { registerRunCommand } from './commands/run.js';
import { registerServeCommand } from './commands/serve.js';
import { isHarnessError } from './errors.js';
import { HARNESS_VERSION } from './version.js';

/** Exit codes: 0 all green, 1 violations, 2 the harness could not do its work. */
export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_HARNESS_ERROR = 2;

function buildProgram(): Command {
  const program = new Command('partly-conformance')
    .description('Contract conformance harness for the Partly Integrations API 2026-01')
    .version(HARNESS_VERSION)
    .option('--debug', 'print stack traces of harness errors')
    .exitOverride();
  registerRunCommand(program);
  registerMethodsCommand(program);
  registerServeCommand(program);
  registerReplayCommand(program);
  registerDriftCommand(program);
  registerMergeCommand(program);
  return program;
}

/** Prints a harness error as one line (a stack only with `--debug`) and returns exit code 2. */
export function reportHarnessError(error: unknown, debug: boolean): number {
  if (isHarnessError(error)) {
    console.error(`error: ${error.message}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`error: internal failure of the harness: ${message.split('\n')[0]}`);
  }
  if (debug && error instanceof Error) {
    console.error(error.stack);
  }
  return EXIT_HARNESS_ERROR;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output end with code 0; a usage error (unknown option, missing
      // argument) is bad input to the harness.
      return error.exitCode === 0 ? EXIT_OK : EXIT_HARNESS_ERROR;
    }
    return reportHarnessError(error, debug);
  }
}
