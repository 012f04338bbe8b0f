import type { OpenAPIV3_1 } from 'openapi-types';
import { HarnessError, isHarnessError } from '../errors.js';
import { isUrl, loadSpecSource } from '../spec/load-document.js';
import type { SpecSummary } from './drift-report.js';
import { redactTarget } from './history.js';

/** A spec document loaded for a drift check, with a redacted label of where it came from. */
export interface DriftSpec extends SpecSummary {
  document: OpenAPIV3_1.Document;
}

/**
 * Returns the URL of a target's live spec: `openapi.json` under the target's base URL, keeping a
 * path prefix (`https://host/prefix` gives `https://host/prefix/openapi.json`).
 */
export function liveSpecUrl(target: string): string {
  const url = new URL(target);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) {
    url.pathname = `${url.pathname}/`;
  }
  return new URL('openapi.json', url).toString();
}

/**
 * Loads, parses and validates one spec from a file path or an http(s) URL through the spec
 * loader, which fetches URLs with undici under a timeout and a size cap. A failure is a
 * HarnessError (HARNESS_SPEC_UNREADABLE or HARNESS_SPEC_INVALID) whose one-line message names
 * the file or URL, with any user info or query of the URL removed, and the fault.
 */
export async function loadDriftSpec(source: string): Promise<DriftSpec> {
  const label = isUrl(source) ? redactTarget(source) : source;
  try {
    const loaded = await loadSpecSource(source);
    const version = loaded.document.info?.version;
    const summary = { source: label, hash: loaded.hash, document: loaded.document };
    return typeof version === 'string' ? { ...summary, version } : summary;
  } catch (error) {
    if (isHarnessError(error) && label !== source) {
      const message = error.message.split(source).join(label);
      throw new HarnessError(error.code, message, { cause: error });
    }
    throw error;
  }
}
