import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULTS } from '../config/defaults.js';
import { loadCatalogue } from '../spec/catalogue.js';
import { isUrl } from '../spec/load-document.js';
import type { Catalogue, ErrorVariant, MethodEntry } from '../spec/types.js';
import { PACKAGE_ROOT } from '../version.js';

interface MethodsCommandOptions {
  spec?: string;
  extensionsSpec?: string;
  /** False when `--no-extensions` is given. */
  extensions: boolean;
  json?: boolean;
}

// The variants come last because they make the widest column.
const HEADERS = ['method', 'role', 'error style', 'extension', 'mutates', 'variants'];

/** A user path resolves against the working directory; a default one against the package. */
function resolveSource(given: string | undefined, fallback: string): string {
  if (given === undefined) return resolve(PACKAGE_ROOT, fallback);
  return isUrl(given) || isAbsolute(given) ? given : resolve(process.cwd(), given);
}

function formatVariant(variant: ErrorVariant): string {
  return `${variant.name} ${variant.status}${variant.statusInferred ? '*' : ''}`;
}

function formatRow(method: MethodEntry): string[] {
  const union = method.variants.map(formatVariant).join(', ');
  const inferredUnion = method.variants.some((variant) => variant.membershipInferred);
  return [
    method.name,
    `${method.role}${method.roleInferred ? '*' : ''}`,
    method.errorStyle,
    method.extension ? 'yes' : 'no',
    method.mutates ? 'yes' : 'no',
    inferredUnion ? `(${union})*` : union,
  ];
}

/** Renders rows as columns padded to their widest cell. */
function renderTable(rows: string[][]): string {
  const widths = HEADERS.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function renderText(catalogue: Catalogue): string {
  const table = renderTable([HEADERS, ...catalogue.methods.map(formatRow)]);
  return [
    `spec ${catalogue.version}, ${catalogue.methods.length} methods, sha256 ${catalogue.specHash}`,
    `sources: ${catalogue.sources.join(', ')}`,
    '',
    table,
    '',
    '* inferred: a guessed role or status, or a whole union that is guessed',
  ].join('\n');
}

function toJson(catalogue: Catalogue): unknown {
  return {
    version: catalogue.version,
    specHash: catalogue.specHash,
    sources: catalogue.sources,
    methods: catalogue.methods.map((method) => ({
      name: method.name,
      path: method.path,
      operationId: method.operationId,
      role: method.role,
      roleInferred: method.roleInferred,
      extension: method.extension,
      mutates: method.mutates,
      errorStyle: method.errorStyle,
      variants: method.variants,
    })),
  };
}

async function printMethods(options: MethodsCommandOptions): Promise<void> {
  const catalogue = await loadCatalogue({
    spec: resolveSource(options.spec, DEFAULTS.spec),
    extensionsSpec: options.extensions
      ? resolveSource(options.extensionsSpec, DEFAULTS.extensionsSpec)
      : false,
  });
  console.log(
    options.json === true ? JSON.stringify(toJson(catalogue), null, 2) : renderText(catalogue),
  );
}

/** Registers `methods`, which prints the method catalogue read from the spec. */
export function registerMethodsCommand(program: Command): void {
  program
    .command('methods')
    .description('print the catalogue of methods read from the spec: role, error union, flags')
    .option('--spec <path>', 'file path or URL of the wire spec')
    .option('--extensions-spec <path>', 'file path or URL of the extension spec')
    .option('--no-extensions', 'leave the 3 extension methods out')
    .option('--json', 'print the catalogue as JSON')
    .action(async (options: MethodsCommandOptions) => {
      await printMethods(options);
    });
}
