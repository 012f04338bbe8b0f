import type { Command } from 'commander';
import { loadConfigFile, resolveOptions } from '../config/resolve.js';
import { readResults, replayResults } from '../run/replay.js';
import { withTarget } from '../run/target.js';
import { collect } from './collect.js';

interface ReplayFlags {
  target?: string;
  config?: string;
  tenant?: string | boolean;
  fault?: string[];
}

async function replayCommand(resultsPath: string, flags: ReplayFlags): Promise<void> {
  const result = await readResults(resultsPath);
  const config = await loadConfigFile(flags.config);
  const options = resolveOptions({
    ...config,
    seed: result.seed,
    profile: result.profile === 'certify' ? 'certify' : 'gate',
    ...(flags.target === undefined ? {} : { target: flags.target }),
    ...(typeof flags.tenant === 'string' || flags.tenant === false ? { tenant: flags.tenant } : {}),
    ...(flags.fault === undefined ? {} : { faults: flags.fault }),
  });
  const recordedFaults = result.faults ?? [];
  if (options.target === undefined && flags.fault === undefined && recordedFaults.length > 0) {
    console.log(
      `note: the run switched on ${recordedFaults.join(', ')} on the embedded reference target; ` +
        `this replay sends to a clean one (add --fault ${recordedFaults.join(',')} to keep them)`,
    );
  }
  await withTarget(options, async (target) => {
    const outcomes = await replayResults(result, options, target.url);
    for (const outcome of outcomes) {
      console.log(`${outcome.verdict.padEnd(13)} ${outcome.subject}: ${outcome.detail}`);
    }
    const count = (verdict: string) => outcomes.filter((item) => item.verdict === verdict).length;
    console.log(
      `replayed ${outcomes.length}: ${count('fixed')} fixed, ${count('still-failing')} still failing, ` +
        `${count('error')} errors`,
    );
    if (count('error') > 0) {
      process.exitCode = 2;
    } else {
      process.exitCode = count('still-failing') > 0 ? 1 : 0;
    }
  });
}

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('send each failing case of a results.json again: fixed, still failing or error')
    .argument('[results]', 'results.json of an earlier run', 'reports/results.json')
    .option('--target <url>', 'base URL of the target (default: the embedded reference target)')
    .option('--config <file>', 'config file for credentials (default: harness.config.ts)')
    .option('--tenant <name>', 'x-partifact-tenant value (default: a fresh one)')
    .option('--no-tenant', 'send no x-partifact-tenant header')
    .option('--fault <name>', 'fault switch of the embedded reference target', collect)
    .action(replayCommand);
}
