import type { MethodEntry } from '../spec/types.js';

/** Suites of single-call checks, one file each under suites/. */
export type MethodGroup = 'shared' | 'repairer' | 'supplier' | 'extensions';

export const METHOD_GROUPS: readonly MethodGroup[] = [
  'shared',
  'repairer',
  'supplier',
  'extensions',
];

export function groupOf(method: MethodEntry): MethodGroup {
  if (method.extension) {
    return 'extensions';
  }
  if (method.name.startsWith('repairer.')) {
    return 'repairer';
  }
  if (method.name.startsWith('supplier.')) {
    return 'supplier';
  }
  return 'shared';
}
