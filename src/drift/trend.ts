import type { HistoryRecord } from './history.js';

/** Most recent nights drawn in `drift.html`; older lines stay in the history file. */
export const MAX_TREND_NIGHTS = 60;

/** The measures drawn per night; a measure absent on a night was not taken that night. */
export interface NightValues {
  /** Findings (failures and warnings) of the night's last run. */
  findings?: number;
  /** Breaking spec differences of the night's last drift check. */
  breaking?: number;
  /** Additive spec differences of the night's last drift check. */
  additive?: number;
  /** Wire observations (fields, statuses, variants, stray markers) of the night's last run. */
  wire?: number;
}

export type Measure = keyof NightValues;

export const MEASURES: readonly Measure[] = ['findings', 'breaking', 'additive', 'wire'];

export interface MethodTrend {
  method: string;
  /** One entry per night of `Trend.nights`, in the same order. */
  values: NightValues[];
}

/** Counts per night (UTC date) and per method, ready to draw. */
export interface Trend {
  /** Dates `YYYY-MM-DD`, oldest first. */
  nights: string[];
  /** Sums over all methods, one entry per night. */
  total: NightValues[];
  methods: MethodTrend[];
}

/** The records of one night: the last that carries each kind of count. */
interface NightRecords {
  findings?: HistoryRecord;
  drift?: HistoryRecord;
  wire?: HistoryRecord;
}

function nightOf(time: string): string {
  return new Date(time).toISOString().slice(0, 10);
}

function entryFor(nights: Map<string, NightRecords>, night: string): NightRecords {
  let entry = nights.get(night);
  if (!entry) {
    entry = {};
    nights.set(night, entry);
  }
  return entry;
}

/**
 * Groups records by night, keeping the last record of each kind. Findings and wire counts that a
 * drift check read from a results file count on the night of that run.
 */
function groupByNight(records: readonly HistoryRecord[]): Map<string, NightRecords> {
  const nights = new Map<string, NightRecords>();
  const runTime = (record: HistoryRecord): string => record.resultsTime ?? record.time;
  const byRunTime = [...records].sort((a, b) => Date.parse(runTime(a)) - Date.parse(runTime(b)));
  for (const record of byRunTime) {
    if (record.findings) {
      entryFor(nights, nightOf(runTime(record))).findings = record;
    }
    if (record.wire) {
      entryFor(nights, nightOf(runTime(record))).wire = record;
    }
  }
  const byTime = [...records].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  for (const record of byTime.filter((item) => item.drift !== undefined)) {
    entryFor(nights, nightOf(record.time)).drift = record;
  }
  return nights;
}

function valuesFor(entry: NightRecords, method: string): NightValues {
  const values: NightValues = {};
  const findings = entry.findings?.findings?.[method];
  if (findings) {
    values.findings = findings.failures + findings.warnings;
  }
  const drift = entry.drift?.drift?.[method];
  if (drift) {
    values.breaking = drift.breaking;
    values.additive = drift.additive;
  }
  const wire = entry.wire?.wire?.[method];
  if (wire) {
    values.wire = wire.fields + wire.statuses + wire.variants + (wire.strayExtensionMarker ? 1 : 0);
  }
  return values;
}

function methodsOf(entries: readonly NightRecords[]): string[] {
  const methods = new Set<string>();
  for (const entry of entries) {
    for (const map of [entry.findings?.findings, entry.drift?.drift, entry.wire?.wire]) {
      for (const method of Object.keys(map ?? {})) {
        methods.add(method);
      }
    }
  }
  return [...methods].sort();
}

function sumValues(rows: readonly NightValues[]): NightValues {
  const total: NightValues = {};
  for (const measure of MEASURES) {
    const present = rows.map((row) => row[measure]).filter((value) => value !== undefined);
    if (present.length > 0) {
      total[measure] = present.reduce((sum, value) => sum + value, 0);
    }
  }
  return total;
}

/**
 * Builds the trend of a target's history: one point per night (UTC date) and method, taken from
 * that night's last record of each kind, over the last `maxNights` nights that have records.
 */
export function buildTrend(records: readonly HistoryRecord[], maxNights = MAX_TREND_NIGHTS): Trend {
  const grouped = groupByNight(records);
  const nights = [...grouped.keys()].sort().slice(-maxNights);
  const entries = nights.map((night) => grouped.get(night) ?? {});
  const methods = methodsOf(entries).map((method) => ({
    method,
    values: entries.map((entry) => valuesFor(entry, method)),
  }));
  const total = nights.map((_, index) =>
    sumValues(methods.map((method) => method.values[index] ?? {})),
  );
  return { nights, total, methods };
}
