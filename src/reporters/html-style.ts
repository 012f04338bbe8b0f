/** Inline style sheet of the HTML report; it loads nothing (no fonts, images or imports). */
export const REPORT_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f4f5f7; --panel: #ffffff; --text: #1d2330; --muted: #5f6b7a; --line: #dfe3e8;
  --code-bg: #f0f2f5; --accent: #2f5bd3;
  --pass-bg: #e3f5e8; --pass-fg: #17692f; --fail-bg: #fde4e4; --fail-fg: #a31616;
  --np-bg: #fff2cc; --np-fg: #7a5200; --na-fg: #8a94a0;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171c; --panel: #1c2027; --text: #e4e7eb; --muted: #9aa4b0; --line: #2e343d;
    --code-bg: #232830; --accent: #7ea2ff;
    --pass-bg: #173823; --pass-fg: #8fe0a7; --fail-bg: #4a1d1d; --fail-fg: #ffb3b3;
    --np-bg: #43360f; --np-fg: #ffd978; --na-fg: #5f6b7a;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1440px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 22px; margin: 0; display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
h2 { font-size: 17px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 18px 0 8px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
pre {
  margin: 0; padding: 10px 12px; background: var(--code-bg); border: 1px solid var(--line);
  border-radius: 6px; white-space: pre-wrap; word-break: break-all;
}
section, header.summary {
  background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
  padding: 18px 20px; margin-bottom: 18px;
}
.badge {
  display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 13px;
  font-weight: 700; letter-spacing: 0.02em;
}
.badge.pass, .v-pass { background: var(--pass-bg); color: var(--pass-fg); }
.badge.fail, .v-fail { background: var(--fail-bg); color: var(--fail-fg); }
.badge.not-proven, .v-not-proven { background: var(--np-bg); color: var(--np-fg); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px 24px; margin: 16px 0 0; }
.facts div { min-width: 0; }
.facts dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.tiles { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 16px; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; }
.tile strong { display: block; font-size: 20px; }
.tile span { color: var(--muted); font-size: 12px; }
.tile.fail strong { color: var(--fail-fg); }
.tile.not-proven strong { color: var(--np-fg); }
.tile.pass strong { color: var(--pass-fg); }
.banner {
  background: var(--np-bg); color: var(--np-fg); border: 1px solid currentColor;
  font-weight: 600; padding: 12px 16px;
}
.banner p { margin: 4px 0 0; font-weight: 400; }
.filters { display: flex; gap: 16px; flex-wrap: wrap; align-items: end; margin-bottom: 14px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 4px; }
select, button {
  font: inherit; color: var(--text); background: var(--panel); border: 1px solid var(--line);
  border-radius: 6px; padding: 5px 10px;
}
button { cursor: pointer; }
button:hover, select:hover { border-color: var(--accent); }
.count { color: var(--muted); font-size: 13px; margin-left: auto; }
.grid-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
table.grid th, table.grid td { border-bottom: 1px solid var(--line); padding: 4px 5px; text-align: center; }
table.grid thead th {
  font-size: 11.5px; font-weight: 600; color: var(--muted); vertical-align: bottom;
  position: sticky; top: 0; background: var(--panel); min-width: 64px;
}
table.grid th.method { text-align: left; white-space: nowrap; font-weight: 600; }
table.grid thead th { font-size: 11px; }
table.grid td.exchanges { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; }
table.grid tbody tr:hover { background: var(--code-bg); }
.cell {
  display: inline-block; min-width: 58px; padding: 2px 6px; border-radius: 5px; font-size: 12px;
  font-weight: 600; text-decoration: none; white-space: nowrap;
}
a.cell:hover { outline: 2px solid currentColor; }
.cell.v-none { color: var(--na-fg); font-weight: 400; }
.cell small { font-weight: 400; display: block; font-size: 10px; line-height: 1.1; }
td.is-filtered .cell { visibility: hidden; }
.tag { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; margin-left: 6px; font-weight: 400; }
.legend { color: var(--muted); font-size: 12px; margin-top: 10px; }
.group { border-top: 1px solid var(--line); padding-top: 6px; }
.group h3 { display: flex; gap: 10px; align-items: center; }
details.finding { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; background: var(--panel); }
details.finding > summary {
  cursor: pointer; padding: 8px 12px; display: flex; gap: 10px; align-items: baseline; list-style: none;
}
details.finding > summary::before { content: "▸"; color: var(--muted); }
details.finding[open] > summary::before { content: "▾"; }
details.finding > summary::-webkit-details-marker { display: none; }
details.finding .body { padding: 4px 14px 14px; display: grid; gap: 10px; }
.kv { display: grid; grid-template-columns: 110px 1fr; gap: 4px 12px; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; overflow-wrap: anywhere; }
.severity { font-size: 11px; font-weight: 700; padding: 1px 6px; border-radius: 4px; text-transform: uppercase; }
.severity.failure { background: var(--fail-bg); color: var(--fail-fg); }
.severity.warning { background: var(--np-bg); color: var(--np-fg); }
.block-title { font-size: 12px; color: var(--muted); margin-bottom: 4px; display: flex; gap: 8px; align-items: center; }
.copy { font-size: 11px; padding: 1px 8px; }
.muted { color: var(--muted); }
table.plain th, table.plain td { text-align: left; border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
table.plain th { font-size: 12px; color: var(--muted); font-weight: 600; }
ol.steps { margin: 8px 0 0; padding-left: 20px; }
ol.steps li { margin-bottom: 8px; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
`;
