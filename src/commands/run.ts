import type { Command } from 'commander';
import { HarnessError } from '../errors.js';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('not built yet')
    .action(() => {
      throw new HarnessError('HARNESS_INTERNAL', 'The run command is not built yet');
    });
}
