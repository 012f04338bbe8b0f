import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { HarnessError } from '../errors.js';
import { PACKAGE_ROOT } from '../version.js';
import { DEFAULT_TIMEOUTS, DEFAULTS, DEMO_CREDENTIALS, DEMO_FIXTURES } from './defaults.js';
import type {
  Credential,
  Credentials,
  HarnessOptions,
  ReporterName,
  ResolvedOptions,
} from './options.js';

const REPORTER_NAMES: readonly ReporterName[] = ['console', 'junit', 'json', 'html', 'github'];
const OPTION_NAMES = new Set([
  'target',
  'spec',
  'extensionsSpec',
  'seed',
  'cases',
  'concurrency',
  'reports',
  'reporters',
  'strict',
  'profile',
  'allowWrites',
  'maxRequests',
  'rate',
  'tenant',
  'timeouts',
  'maxBodyBytes',
  'credentials',
  'fixtures',
  'faults',
  'shard',
]);
const TENANT_PATTERN = /^[a-z0-9_-]{1,64}$/;

function invalid(path: string, value: unknown, fix: string): HarnessError {
  return new HarnessError(
    'HARNESS_CONFIG_INVALID',
    `Invalid option ${path}: ${JSON.stringify(value)}; ${fix}`,
  );
}

function checkKnownOptions(options: HarnessOptions): void {
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) {
      throw invalid(
        key,
        (options as Record<string, unknown>)[key],
        'no such option; see the README',
      );
    }
  }
}

function checkKeys(path: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(path, value, `use an object with some of ${allowed.join(', ')}`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (!allowed.includes(key)) {
      throw invalid(`${path}.${key}`, item, `no such option; use some of ${allowed.join(', ')}`);
    }
  }
}

function checkStrings(path: string, value: unknown): void {
  if (value === undefined) {
    return;
  }
  const entries = typeof value === 'object' && value !== null ? Object.entries(value) : [];
  for (const [key, item] of entries) {
    // An undefined value, such as an unset environment variable, falls back to the default.
    if (item !== undefined && (typeof item !== 'string' || item === '')) {
      throw invalid(`${path}.${key}`, item, 'use a non-empty string');
    }
  }
}

function checkStringList(path: string, value: unknown): void {
  if (value === undefined) {
    return;
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalid(path, value, 'use a list of strings');
  }
}

/** Checks the nested objects and the types the TypeScript config file cannot enforce at run time. */
function checkShapes(options: HarnessOptions): void {
  checkKeys('fixtures', options.fixtures, Object.keys(DEMO_FIXTURES));
  checkStrings('fixtures', options.fixtures);
  checkKeys('timeouts', options.timeouts, Object.keys(DEFAULT_TIMEOUTS));
  checkKeys('credentials', options.credentials, ['repairer', 'supplier', 'oauth']);
  for (const role of ['repairer', 'supplier'] as const) {
    checkKeys(`credentials.${role}`, options.credentials?.[role], ['apiKey', 'integrationId']);
    checkStrings(`credentials.${role}`, options.credentials?.[role]);
  }
  checkKeys('credentials.oauth', options.credentials?.oauth, [
    'clientId',
    'clientSecret',
    'accessCode',
  ]);
  checkStrings('credentials.oauth', options.credentials?.oauth);

  if (options.strict !== undefined && typeof options.strict !== 'boolean') {
    throw invalid('strict', options.strict, 'use true or false');
  }
  checkStringList('allowWrites', options.allowWrites);
  checkStringList('faults', options.faults);
  checkStringList('reporters', options.reporters);

  for (const key of ['target', 'spec', 'reports', 'rate', 'shard'] as const) {
    const value = options[key];
    if (value !== undefined && typeof value !== 'string') {
      throw invalid(key, value, 'use a string');
    }
  }

  if ((options.faults?.length ?? 0) > 0 && options.target !== undefined) {
    throw invalid(
      'faults',
      options.faults,
      'fault switches apply only to the embedded reference target; leave out target',
    );
  }
  if ((options.allowWrites?.length ?? 0) > 0 && options.profile !== 'certify') {
    throw invalid('allowWrites', options.allowWrites, 'it applies only to the certify profile');
  }
}

function positiveInteger(path: string, value: number | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1) {
    throw invalid(path, value, 'use a whole number of 1 or more');
  }
  return value;
}

function resolveTarget(target: string | undefined): string | undefined {
  if (target === undefined) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw invalid('target', target, 'use an absolute http(s) URL such as http://127.0.0.1:8080');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('target', target, 'use an http or https URL');
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid('target', target, 'leave out the query and fragment; a path prefix is kept');
  }
  return url.toString().replace(/\/+$/, '');
}

/** Parses `10/s`, `600/m` or a bare number of requests per second. */
export function parseRate(rate: string | undefined): number | undefined {
  if (rate === undefined) {
    return undefined;
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute))?\s*$/.exec(rate);
  if (!match?.[1]) {
    throw invalid('rate', rate, 'use requests per second or minute, such as 10/s or 600/m');
  }
  const count = Number(match[1]);
  const perMinute = match[2]?.startsWith('m') === true;
  const perSecond = perMinute ? count / 60 : count;
  if (perSecond <= 0) {
    throw invalid('rate', rate, 'use a rate above zero');
  }
  return perSecond;
}

/** Parses `i/n` (1-based) into a shard slice. */
export function parseShard(shard: string | undefined): ResolvedOptions['shard'] {
  if (shard === undefined) {
    return undefined;
  }
  const match = /^(\d+)\/(\d+)$/.exec(shard.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw invalid('shard', shard, 'use i/n with 1 <= i <= n, such as 2/3');
  }
  return { index, count };
}

function resolveSpecPath(path: string | undefined, fallback: string): string {
  if (path === undefined) {
    return resolve(PACKAGE_ROOT, fallback);
  }
  if (/^https?:\/\//.test(path) || isAbsolute(path)) {
    return path;
  }
  return resolve(process.cwd(), path);
}

function resolveCredential(
  role: 'repairer' | 'supplier',
  given: Partial<Credential> | undefined,
  env: NodeJS.ProcessEnv,
): Credential {
  const prefix = `PARTLY_${role.toUpperCase()}`;
  return {
    apiKey: given?.apiKey ?? env[`${prefix}_API_KEY`] ?? DEMO_CREDENTIALS[role].apiKey,
    integrationId:
      given?.integrationId ??
      env[`${prefix}_INTEGRATION_ID`] ??
      DEMO_CREDENTIALS[role].integrationId,
  };
}

function resolveCredentials(
  given: HarnessOptions['credentials'],
  env: NodeJS.ProcessEnv,
): Credentials {
  const demo = DEMO_CREDENTIALS.oauth;
  return {
    repairer: resolveCredential('repairer', given?.repairer, env),
    supplier: resolveCredential('supplier', given?.supplier, env),
    oauth: {
      clientId: given?.oauth?.clientId ?? env.PARTLY_OAUTH_CLIENT_ID ?? demo.clientId,
      clientSecret:
        given?.oauth?.clientSecret ?? env.PARTLY_OAUTH_CLIENT_SECRET ?? demo.clientSecret,
      accessCode: given?.oauth?.accessCode ?? env.PARTLY_OAUTH_ACCESS_CODE ?? demo.accessCode,
    },
  };
}

function resolveReporters(reporters: ReporterName[] | undefined): ReporterName[] {
  const names = reporters ?? [...DEFAULTS.reporters];
  for (const name of names) {
    if (!REPORTER_NAMES.includes(name)) {
      throw invalid('reporters', name, `use some of ${REPORTER_NAMES.join(', ')}`);
    }
  }
  return names;
}

function resolveTenant(options: HarnessOptions, seed: number): string | false {
  if (options.tenant === false) {
    return false;
  }
  if (options.tenant !== undefined) {
    if (!TENANT_PATTERN.test(options.tenant)) {
      throw invalid('tenant', options.tenant, 'use 1 to 64 characters of a-z, 0-9, _ and -');
    }
    return options.tenant;
  }
  // A real deployment has no tenants, so certification sends no header unless asked.
  if (options.profile === 'certify') {
    return false;
  }
  return `pc-${seed.toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Applies defaults, environment variables and checks to options; errors name the option. */
export function resolveOptions(
  options: HarnessOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOptions {
  checkKnownOptions(options);
  checkShapes(options);
  const profile = options.profile ?? 'gate';
  if (profile !== 'gate' && profile !== 'certify') {
    throw invalid('profile', profile, 'use gate or certify');
  }
  const seed = options.seed ?? randomBytes(4).readUInt32BE(0) % 2_147_483_647;
  if (!Number.isInteger(seed) || seed < 0) {
    throw invalid('seed', seed, 'use a whole number of 0 or more');
  }
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  for (const [name, value] of Object.entries(timeouts)) {
    positiveInteger(`timeouts.${name}`, value, 1);
  }
  const maxRequests =
    options.maxRequests === undefined
      ? undefined
      : positiveInteger('maxRequests', options.maxRequests, 1);
  return {
    target: resolveTarget(options.target),
    spec: resolveSpecPath(options.spec, DEFAULTS.spec),
    extensionsSpec:
      options.extensionsSpec === false
        ? false
        : resolveSpecPath(options.extensionsSpec, DEFAULTS.extensionsSpec),
    seed,
    cases: positiveInteger('cases', options.cases, DEFAULTS.cases),
    concurrency: positiveInteger('concurrency', options.concurrency, DEFAULTS.concurrency),
    reports: resolve(process.cwd(), options.reports ?? DEFAULTS.reports),
    reporters: resolveReporters(options.reporters),
    strict: options.strict ?? false,
    profile,
    allowWrites: options.allowWrites ?? [],
    maxRequests,
    ratePerSecond: parseRate(options.rate),
    tenant: resolveTenant({ ...options, profile }, seed),
    timeouts,
    maxBodyBytes: positiveInteger('maxBodyBytes', options.maxBodyBytes, DEFAULTS.maxBodyBytes),
    credentials: resolveCredentials(options.credentials, env),
    fixtures: { ...DEMO_FIXTURES, ...options.fixtures },
    faults: options.faults ?? env.PARTLY_REFERENCE_FAULTS?.split(',').filter(Boolean) ?? [],
    shard: parseShard(options.shard),
  };
}

/** Loads `harness.config.ts` (or the given file); a missing default file means no options. */
export async function loadConfigFile(path: string | undefined): Promise<HarnessOptions> {
  const file = resolve(process.cwd(), path ?? 'harness.config.ts');
  if (!existsSync(file)) {
    if (path !== undefined) {
      throw new HarnessError('HARNESS_CONFIG_INVALID', `Config file not found: ${file}`);
    }
    return {};
  }
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { interopDefault: true });
  let loaded: unknown;
  try {
    const module = (await jiti.import(file)) as { default?: unknown } | null;
    if (module === null || typeof module !== 'object' || !('default' in module)) {
      throw new HarnessError(
        'HARNESS_CONFIG_INVALID',
        `Config ${file} has no default export; write export default defineConfig({...})`,
      );
    }
    loaded = module.default;
  } catch (error) {
    if (error instanceof HarnessError) {
      throw error;
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new HarnessError('HARNESS_CONFIG_INVALID', `Cannot load config ${file}: ${reason}`, {
      cause: error,
    });
  }
  if (loaded === null || typeof loaded !== 'object' || Array.isArray(loaded)) {
    throw new HarnessError(
      'HARNESS_CONFIG_INVALID',
      `Config ${file} must export default defineConfig({...})`,
    );
  }
  return loaded as HarnessOptions;
}
