import type { CheckName, Finding, FindingDraft, Verdict } from '../checks/types.js';
import type { CheckResult } from './results.js';

/** Findings kept per method x check; the rest are counted, so memory stays bounded. */
export const MAX_FINDINGS_PER_CELL = 20;

interface Cell {
  exchanges: number;
  failures: number;
  warnings: number;
  findings: Finding[];
  /** Reason the check could not be judged at all, such as a method not sent by the profile. */
  notSentReason?: string;
}

function emptyCell(): Cell {
  return { exchanges: 0, failures: 0, warnings: 0, findings: [] };
}

/**
 * Counters of one run per method x check. Only counters and the first findings of each cell are
 * held, whatever the number of exchanges.
 */
export class Aggregator {
  private readonly cells = new Map<string, Map<CheckName, Cell>>();
  private readonly exchangesByMethod = new Map<string, number>();

  private cell(method: string, check: CheckName): Cell {
    let byCheck = this.cells.get(method);
    if (!byCheck) {
      byCheck = new Map();
      this.cells.set(method, byCheck);
    }
    let cell = byCheck.get(check);
    if (!cell) {
      cell = emptyCell();
      byCheck.set(check, cell);
    }
    return cell;
  }

  countExchange(method: string): void {
    this.exchangesByMethod.set(method, (this.exchangesByMethod.get(method) ?? 0) + 1);
  }

  exchangesOf(method: string): number {
    return this.exchangesByMethod.get(method) ?? 0;
  }

  /** Records that a check judged an exchange (evidence), with what it found. */
  record(method: string, check: CheckName, findings: readonly Finding[]): void {
    const cell = this.cell(method, check);
    cell.exchanges += 1;
    for (const finding of findings) {
      if (finding.severity === 'failure') {
        cell.failures += 1;
      } else {
        cell.warnings += 1;
      }
      if (cell.findings.length < MAX_FINDINGS_PER_CELL) {
        cell.findings.push(finding);
      }
    }
  }

  /**
   * Records that a check judged an exchange, like `record`, but turns a draft into a finding only
   * when the cell still has room for it, because building a finding (redaction, curl line) costs
   * far more than counting it. Returns the finding built for each draft, or undefined for a draft
   * only counted.
   */
  recordDrafts(
    method: string,
    check: CheckName,
    drafts: readonly FindingDraft[],
    build: (draft: FindingDraft) => Finding,
  ): Array<Finding | undefined> {
    const cell = this.cell(method, check);
    cell.exchanges += 1;
    if (drafts.length === 0) {
      return [];
    }
    return drafts.map((draft) => {
      if (draft.severity === 'failure') {
        cell.failures += 1;
      } else {
        cell.warnings += 1;
      }
      if (cell.findings.length >= MAX_FINDINGS_PER_CELL) {
        return undefined;
      }
      const finding = build(draft);
      cell.findings.push(finding);
      return finding;
    });
  }

  /** Marks a check as never judged on purpose, with the reason shown for `not-proven`. */
  markNotSent(method: string, check: CheckName, reason: string): void {
    this.cell(method, check).notSentReason = reason;
  }

  /** Replaces a kept finding by its shrunk form, keeping the counts as they are. */
  replaceFinding(method: string, check: CheckName, original: Finding, shrunk: Finding): void {
    const findings = this.cell(method, check).findings;
    const index = findings.indexOf(original);
    if (index >= 0) {
      findings[index] = shrunk;
    }
  }

  findingsOf(method: string, check: CheckName): Finding[] {
    return this.cells.get(method)?.get(check)?.findings ?? [];
  }

  result(method: string, check: CheckName, noEvidenceReason: string): CheckResult {
    const cell = this.cells.get(method)?.get(check) ?? emptyCell();
    const verdict = verdictOf(cell);
    const result: CheckResult = {
      check,
      verdict,
      exchanges: cell.exchanges,
      failures: cell.failures,
      warnings: cell.warnings,
    };
    if (verdict === 'not-proven') {
      result.reason = cell.notSentReason ?? noEvidenceReason;
    }
    return result;
  }
}

function verdictOf(cell: Cell): Verdict {
  if (cell.failures > 0) {
    return 'fail';
  }
  return cell.exchanges > 0 ? 'pass' : 'not-proven';
}
