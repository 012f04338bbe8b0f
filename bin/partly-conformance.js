#!/usr/bin/env node
// Node 20 cannot run TypeScript, so the CLI's sources load through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
