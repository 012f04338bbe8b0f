import type { Command } from 'commander';
import { loadConfigFile, resolveOptions } from '../config/resolve.js';
import { startReferenceTarget } from '../reference/index.js';
import { assertReachable } from '../run/drive.js';
import { readResults, replayResults } from '../run/replay.js';

interface ReplayFlags {
  target?: string;
  config?: string;
  tenant?: string | boolean;
  fault?: string[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').filter(Boolean)];
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
  const reference =
    options.target === undefined
      ? await startReferenceTarget({ faults: options.faults })
      : undefined;
  try {
    const targetUrl = options.target ?? reference?.url ?? '';
    await assertReachable(targetUrl, options.timeouts.connectMs);
    const outcomes = await replayResults(result, options, targetUrl);
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
  } finally {
    await reference?.close();
  }
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
