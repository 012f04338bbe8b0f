import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

/** Version of this harness, from package.json; recorded in every report. */
export const HARNESS_VERSION: string = packageJson.version;

/** Folder of the installed package, for the default spec files. */
export const PACKAGE_ROOT: string = new URL('..', import.meta.url).pathname;
