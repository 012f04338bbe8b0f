import type { Command } from 'commander';
import { HarnessError } from '../errors.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('not built yet')
    .action(() => {
      throw new HarnessError('HARNESS_INTERNAL', 'The serve command is not built yet');
    });
}
