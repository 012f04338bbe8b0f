import type { Colours } from '../reporters/colour.js';
import { toTerminalLine } from '../reporters/terminal-text.js';
import type { WireObservation } from '../run/results.js';
import type { DriftCheckResult } from './check.js';
import type { SpecDifference } from './types.js';

/** Most differences listed per class on the console; drift.json has them all. */
export const MAX_LISTED_DIFFERENCES = 20;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function describeSpec(label: string, source: string, version: string | undefined): string {
  return `${label} ${source}${version === undefined ? '' : ` (version ${version})`}`;
}

/** Returns the part of a spec pointer inside the schema, such as `/properties/images`. */
function schemaPlace(pointer: string): string {
  const index = pointer.indexOf('/schema/');
  return index >= 0 ? pointer.slice(index + '/schema'.length) : pointer || '/';
}

function listDifferences(
  differences: readonly SpecDifference[],
  kind: SpecDifference['kind'],
  colours: Colours,
): string[] {
  const selected = differences.filter((difference) => difference.kind === kind);
  const mark = kind === 'breaking' ? colours.red('✗ breaking') : colours.green('+ additive');
  const lines = selected.slice(0, MAX_LISTED_DIFFERENCES).map((difference) => {
    const method = difference.method ?? '(document)';
    // Two differences can share a message, so the line names the side and the schema path.
    const where = `${difference.side} ${schemaPlace(difference.pointer)}`;
    return `  ${mark}  ${toTerminalLine(`${method}  ${difference.message}  (${where})`)}`;
  });
  if (selected.length > MAX_LISTED_DIFFERENCES) {
    const more = selected.length - MAX_LISTED_DIFFERENCES;
    lines.push(colours.dim(`  ... and ${more} more ${kind} (see drift.json)`));
  }
  return lines;
}

function describeObservation(observation: WireObservation): string {
  const parts = [
    plural(observation.undocumentedFields.length, 'undocumented field'),
    plural(observation.undocumentedStatuses.length, 'undocumented status'),
    plural(observation.undocumentedVariants.length, 'undocumented variant'),
  ];
  if (observation.strayExtensionMarker) {
    parts.push('x_extension on a wire method');
  }
  return `  ${toTerminalLine(observation.method)}: ${parts.join(', ')}`;
}

function wireLines(result: DriftCheckResult): string[] {
  if (!result.results) {
    return ['wire: no results file read, so no wire observations (give --results FILE)'];
  }
  const source = `${result.results.path} (run started ${result.results.startedAt})`;
  const observations = result.report.observations;
  if (observations.length === 0) {
    return [`wire: nothing undocumented in ${source}`];
  }
  const header = `wire: ${plural(observations.length, 'method')} with observations in ${source}`;
  return [header, ...observations.map(describeObservation)];
}

/** Formats the console summary of a drift check, one string per line. */
export function formatDriftSummary(result: DriftCheckResult, colours: Colours): string[] {
  const { report } = result;
  const { breaking, additive } = report.summary;
  const verdict =
    breaking > 0
      ? colours.red(colours.bold(`${breaking} breaking`))
      : colours.green(`${breaking} breaking`);
  return [
    colours.bold(`drift check of ${toTerminalLine(report.target)}`),
    toTerminalLine(describeSpec('live spec', report.live.source, report.live.version)),
    toTerminalLine(describeSpec('pinned spec', report.pinned.source, report.pinned.version)),
    `${verdict}, ${additive} additive, across ${plural(report.methods.length, 'method')}`,
    ...listDifferences(report.differences, 'breaking', colours),
    ...listDifferences(report.differences, 'additive', colours),
    ...wireLines(result),
    colours.dim(
      `reports: ${result.files.json}, ${result.files.junit}, ${result.files.html}; history: ${result.files.history}`,
    ),
  ];
}
