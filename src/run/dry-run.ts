import type { ResolvedOptions } from '../config/options.js';
import type { Catalogue, MethodEntry } from '../spec/types.js';
import { checksFor } from './applicable.js';
import { skipReason } from './plan.js';

function authCaseCount(method: MethodEntry): number {
  if (method.role === 'none') {
    return 0;
  }
  return method.role === 'any' ? 2 : 3;
}

/** Cases a run plans at most: valid, invalid and auth cases of every method it sends. */
export function countPlannedCases(catalogue: Catalogue, options: ResolvedOptions): number {
  const total = catalogue.methods
    .filter((method) => skipReason(method, options) === undefined)
    .reduce((sum, method) => sum + 2 * options.cases + authCaseCount(method), 0);
  return options.shard ? Math.ceil(total / options.shard.count) : total;
}

/** Describes what a run would send, method by method, without sending anything. */
export function describePlan(catalogue: Catalogue, options: ResolvedOptions): string[] {
  const lines = [
    `plan: profile ${options.profile}, seed ${options.seed}, ${options.cases} valid and ` +
      `${options.cases} invalid cases per method, tenant ${options.tenant || 'none'}`,
  ];
  for (const method of catalogue.methods) {
    const reason = skipReason(method, options);
    if (reason !== undefined) {
      lines.push(`  ${method.name}: ${reason}`);
      continue;
    }
    const authCases = authCaseCount(method);
    lines.push(
      `  ${method.name}: ${options.cases} valid, up to ${options.cases} invalid, ` +
        `${authCases} auth; checks ${checksFor(method).join(', ')}`,
    );
  }
  if (options.maxRequests !== undefined) {
    lines.push(`budget: at most ${options.maxRequests} requests`);
  }
  if (options.ratePerSecond !== undefined) {
    lines.push(`rate: at most ${options.ratePerSecond} requests per second`);
  }
  return lines;
}
