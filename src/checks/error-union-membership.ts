import type { MethodEntry } from '../spec/types.js';
import {
  findVariant,
  isNegativeCase,
  isUnionInferred,
  listVariantNames,
  severityFor,
} from './exchange-facts.js';
import type { CaseInfo, FindingDraft } from './types.js';

/**
 * Judges that a variant belongs to the method's union. An unknown variant is a failure on a wire
 * method. It is a warning when the union is a guess (the extensions), and for a schema-invalid or
 * probing request, whose union may have no variant that fits.
 */
export function judgeUnionMembership(
  variant: string,
  method: MethodEntry,
  caseInfo: CaseInfo,
  pointer: string,
): FindingDraft[] {
  if (findVariant(method, variant) !== undefined) {
    return [];
  }
  const finding: FindingDraft = {
    severity: severityFor(isUnionInferred(method) || isNegativeCase(caseInfo)),
    message: `undocumented variant ${variant}`,
    expected: listVariantNames(method),
    actual: variant,
    pointer,
  };
  if (isNegativeCase(caseInfo)) {
    finding.contractOpen = true;
  }
  return [finding];
}
