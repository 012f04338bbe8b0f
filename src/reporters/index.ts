import type { Profile, ReporterName } from '../config/options.js';
import { createCertificateReporter } from './certificate.js';
import { type ConsoleReporterOptions, createConsoleReporter } from './console.js';
import { createGithubReporter } from './github.js';
import { createHtmlReporter } from './html.js';
import { createJsonReporter } from './json.js';
import { createJunitReporter } from './junit.js';
import type { Reporter } from './types.js';

/** A reporter that `createReporters` can build: the configurable ones plus the certificate. */
export type ReporterKind = ReporterName | 'certificate';

/** Options of `createReporters`, passed on to each reporter. */
export interface CreateReportersOptions extends ConsoleReporterOptions {
  /** The run's profile; `certify` adds the certificate reporter. */
  profile?: Profile;
}

/** Creates one reporter by name. */
export function createReporter(name: ReporterKind, options: CreateReportersOptions = {}): Reporter {
  switch (name) {
    case 'console':
      return createConsoleReporter(options);
    case 'json':
      return createJsonReporter(options);
    case 'junit':
      return createJunitReporter(options);
    case 'html':
      return createHtmlReporter(options);
    case 'github':
      return createGithubReporter(options);
    case 'certificate':
      return createCertificateReporter(options);
  }
}

/**
 * Creates the named reporters, each once and in the given order. A certification run
 * (`profile: 'certify'`) always gets the certificate reporter as well.
 */
export function createReporters(
  names: readonly ReporterKind[],
  options: CreateReportersOptions = {},
): Reporter[] {
  const kinds = new Set<ReporterKind>(names);
  if (options.profile === 'certify') {
    kinds.add('certificate');
  }
  return [...kinds].map((name) => createReporter(name, options));
}

export type { ReporterOptions } from './options.js';
export type { Reporter } from './types.js';
