import type { ResolvedOptions } from '../config/options.js';
import type { Catalogue } from '../spec/types.js';
import { checksFor } from './applicable.js';
import { skipReason } from './plan.js';

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
    const authCases = method.role === 'none' ? 0 : method.role === 'any' ? 2 : 3;
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
