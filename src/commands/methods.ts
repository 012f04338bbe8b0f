import type { Command } from 'commander';
import { HarnessError } from '../errors.js';

export function registerMethodsCommand(program: Command): void {
  program
    .command('methods')
    .description('not built yet')
    .action(() => {
      throw new HarnessError('HARNESS_INTERNAL', 'The methods command is not built yet');
    });
}
