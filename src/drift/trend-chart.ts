import { escapeHtml } from '../reporters/html-escape.js';
import type { Measure, NightValues } from './trend.js';

/** Line style of each measure, so that the lines differ by dash pattern and marker, not only hue. */
export const MEASURE_STYLES: Record<
  Measure,
  { label: string; colour: string; dash: string; marker: MarkerShape }
> = {
  findings: { label: 'findings', colour: '#1f4e9c', dash: '', marker: 'circle' },
  breaking: { label: 'breaking differences', colour: '#b3261e', dash: '7 3', marker: 'square' },
  additive: { label: 'additive differences', colour: '#2e7d32', dash: '2 3', marker: 'triangle' },
  wire: { label: 'wire observations', colour: '#7a5c00', dash: '9 3 2 3', marker: 'diamond' },
};

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

const WIDTH = 360;
const HEIGHT = 170;
const MARGIN = { left: 34, right: 20, top: 12, bottom: 30 };
const MAX_AXIS_LABELS = 6;

interface Frame {
  x(index: number): number;
  y(value: number): number;
  maximum: number;
}

function niceMaximum(values: readonly number[]): number {
  const largest = Math.max(1, ...values);
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  for (const step of [1, 2, 5, 10]) {
    if (largest <= step * magnitude) {
      return step * magnitude;
    }
  }
  return largest;
}

function createFrame(count: number, values: readonly number[]): Frame {
  const maximum = niceMaximum(values);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  return {
    maximum,
    x: (index) =>
      count <= 1 ? MARGIN.left + plotWidth / 2 : MARGIN.left + (plotWidth * index) / (count - 1),
    y: (value) => MARGIN.top + plotHeight - (plotHeight * value) / maximum,
  };
}

/** Draws one marker shape centred on a point. */
export function renderMarker(shape: MarkerShape, x: number, y: number, colour: string): string {
  const at = (value: number): string => value.toFixed(1);
  const style = `fill="${colour}" stroke="#fff" stroke-width="0.8"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${at(x)}" cy="${at(y)}" r="3.6" ${style}/>`;
    case 'square':
      return `<rect x="${at(x - 3.4)}" y="${at(y - 3.4)}" width="6.8" height="6.8" ${style}/>`;
    case 'triangle':
      return `<path d="M${at(x)} ${at(y - 4.4)}L${at(x + 4.2)} ${at(y + 3.2)}L${at(x - 4.2)} ${at(y + 3.2)}Z" ${style}/>`;
    case 'diamond':
      return `<path d="M${at(x)} ${at(y - 4.6)}L${at(x + 4.2)} ${at(y)}L${at(x)} ${at(y + 4.6)}L${at(x - 4.2)} ${at(y)}Z" ${style}/>`;
  }
}

function renderAxes(frame: Frame, nights: readonly string[]): string {
  const parts: string[] = [];
  for (const value of [0, frame.maximum / 2, frame.maximum]) {
    const y = frame.y(value).toFixed(1);
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}"/>`,
      `<text class="axis" x="${MARGIN.left - 4}" y="${y}" text-anchor="end" dominant-baseline="middle">${Number(value.toFixed(1))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(nights.length / MAX_AXIS_LABELS));
  nights.forEach((night, index) => {
    if (index % every !== 0 && index !== nights.length - 1) {
      return;
    }
    const x = frame.x(index).toFixed(1);
    parts.push(
      `<text class="axis" x="${x}" y="${HEIGHT - 10}" text-anchor="middle">${escapeHtml(night.slice(5))}</text>`,
    );
  });
  return parts.join('');
}

/** Splits a series at nights without a value, so that a gap is not drawn as a line. */
function segmentsOf(values: ReadonlyArray<number | undefined>): Array<Array<[number, number]>> {
  const segments: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  values.forEach((value, index) => {
    if (value === undefined) {
      if (current.length > 0) {
        segments.push(current);
      }
      current = [];
      return;
    }
    current.push([index, value]);
  });
  if (current.length > 0) {
    segments.push(current);
  }
  return segments;
}

function renderSeries(
  frame: Frame,
  measure: Measure,
  nights: readonly string[],
  values: ReadonlyArray<number | undefined>,
): string {
  const style = MEASURE_STYLES[measure];
  const dash = style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`;
  const lines = segmentsOf(values)
    .filter((segment) => segment.length > 1)
    .map((segment) => {
      const points = segment.map(
        ([index, value]) => `${frame.x(index).toFixed(1)},${frame.y(value).toFixed(1)}`,
      );
      return `<polyline points="${points.join(' ')}" fill="none" stroke="${style.colour}" stroke-width="1.8"${dash}/>`;
    });
  const markers = values.map((value, index) => {
    if (value === undefined) {
      return '';
    }
    const title = `${nights[index] ?? ''}: ${value} ${style.label}`;
    const marker = renderMarker(style.marker, frame.x(index), frame.y(value), style.colour);
    return `<g><title>${escapeHtml(title)}</title>${marker}</g>`;
  });
  return `<g class="series" data-measure="${measure}">${lines.join('')}${markers.join('')}</g>`;
}

/**
 * Draws a line chart of the measures over the nights as inline SVG: one line per measure with
 * its own dash pattern and marker, and a tooltip title on every point.
 */
export function renderTrendChart(
  label: string,
  nights: readonly string[],
  rows: readonly NightValues[],
  measures: readonly Measure[],
): string {
  const series = measures.map((measure) => ({
    measure,
    values: rows.map((row) => row[measure]),
  }));
  const drawn = series.filter((entry) => entry.values.some((value) => value !== undefined));
  const allValues = drawn.flatMap((entry) => entry.values.filter((value) => value !== undefined));
  const frame = createFrame(nights.length, allValues);
  const body = drawn.map((entry) => renderSeries(frame, entry.measure, nights, entry.values));
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">`,
    renderAxes(frame, nights),
    ...body,
    '</svg>',
  ].join('');
}

/** Draws the legend: a sample of each measure's line and marker beside its name. */
export function renderLegend(measures: readonly Measure[]): string {
  const items = measures.map((measure) => {
    const style = MEASURE_STYLES[measure];
    const dash = style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`;
    const sample = `<svg class="sample" viewBox="0 0 36 12" aria-hidden="true"><line x1="2" x2="34" y1="6" y2="6" stroke="${style.colour}" stroke-width="1.8"${dash}/>${renderMarker(style.marker, 18, 6, style.colour)}</svg>`;
    return `<li>${sample} ${escapeHtml(style.label)}</li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}
