import type { Command } from 'commander';
import { HarnessError } from '../errors.js';

export function registerDriftCommand(program: Command): void {
  program
    .command('drift')
    .description('not built yet')
    .action(() => {
      throw new HarnessError('HARNESS_INTERNAL', 'The drift command is not built yet');
    });
}
