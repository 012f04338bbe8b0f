import { type Command, InvalidArgumentError } from 'commander';
import { HarnessError } from '../errors.js';
import { REFERENCE_FAULTS, startReferenceTarget } from '../reference/index.js';
import { collect } from './collect.js';

interface ServeOptions {
  host: string;
  port: number;
  fault: string[];
  listFaults?: boolean;
  allowRemote?: boolean;
}

const DEFAULT_PORT = 4010;

/** Host names and addresses that only reach this machine. */
function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('expected an integer from 0 to 65535');
  }
  return port;
}

/** Registers `serve`: runs the embedded reference target until SIGINT or SIGTERM. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the embedded reference target (all 17 methods in memory) until SIGINT or SIGTERM. ' +
        'The first line on stdout is its base URL.',
    )
    .option(
      '--host <host>',
      'interface to listen on; loopback only unless --allow-remote',
      '127.0.0.1',
    )
    .option('--port <port>', 'TCP port to listen on; 0 picks a free port', parsePort, DEFAULT_PORT)
    .option(
      '--fault <name>',
      'turn on a fault switch (repeatable); also read from PARTLY_REFERENCE_FAULTS=a,b',
      collect,
      [],
    )
    .option('--list-faults', 'print the fault switches with the check that catches each, and exit')
    .option(
      '--allow-remote',
      'allow a --host that is not loopback; anyone who can reach it can read and change the demo data',
    )
    .action(async (options: ServeOptions) => {
      if (options.listFaults === true) {
        printFaults();
        return;
      }
      await serve(options);
    });
}

function printFaults(): void {
  const width = Math.max(...REFERENCE_FAULTS.map((fault) => fault.name.length));
  for (const fault of REFERENCE_FAULTS) {
    const check = fault.expectsFinding ? fault.check : `${fault.check} (no finding expected)`;
    console.log(`${fault.name.padEnd(width)}  ${check}: ${fault.description}`);
  }
}

async function serve(options: ServeOptions): Promise<void> {
  if (!isLoopbackHost(options.host) && options.allowRemote !== true) {
    throw new HarnessError(
      'HARNESS_CONFIG_INVALID',
      `--host ${options.host} is not a loopback address; pass --allow-remote to listen on it`,
    );
  }
  // Listen for the signals before the URL is printed, so a caller that stops the server as soon
  // as it reads the URL cannot kill it before the handlers exist.
  const stopSignal = waitForStopSignal();
  const target = await startReferenceTarget({
    host: options.host,
    port: options.port,
    faults: options.fault,
    onInternalError: (error) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`reference target: internal error, responded with 500: ${message}`);
    },
  });
  console.log(target.url);
  const faults = target.faults.length === 0 ? 'none' : target.faults.join(', ');
  console.error(`reference target listening on ${target.url} (faults: ${faults})`);

  const signal = await stopSignal;
  await target.close();
  console.error(`reference target stopped on ${signal}`);
}

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
