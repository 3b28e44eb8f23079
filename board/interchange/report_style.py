"""The status report's stylesheet: light and dark (``prefers-color-scheme``), and A4 landscape in print."""

STYLE = """
:root { --fg: #1d232b; --muted: #5b6472; --bg: #ffffff; --card: #f5f7fa; --line: #dfe3ea;
  --ok: #2e7d32; --warn: #b26a00; --bad: #c62828; --accent: #1f5fbf; --band: #dbe7fb; --band-now: #b7d0f7;
  --low: #e3f2e5; --mid: #fff1d6; --high: #fbe0e0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ef; --muted: #9aa4b2; --bg: #14181f; --card: #1c222b; --line: #303846;
    --ok: #66bb6a; --warn: #ffb74d; --bad: #ef5350; --accent: #8ab4f8; --band: #23324a; --band-now: #2f4a73;
    --low: #1e3324; --mid: #3a3020; --high: #40232a; }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 78rem;
  padding: 1.5rem 1.25rem 3rem; overflow-wrap: anywhere; }
h1 { margin: 0; font-size: 1.7rem; } h2 { font-size: 1.15rem; border-bottom: 2px solid var(--line);
  padding-bottom: .2rem; margin: 1.8rem 0 .6rem; } h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.sub, .muted { color: var(--muted); } .sub { margin: .2rem 0 .8rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .45rem;
  border-bottom: 1px solid var(--line); vertical-align: top; } th { font-weight: 600; color: var(--muted); white-space: nowrap; }
.num { text-align: right; white-space: nowrap; }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem 2rem; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .4rem 0; }
.counts b { font-size: 1.3rem; display: block; }
.bar { background: var(--line); height: .7rem; width: 8rem; display: inline-block; vertical-align: middle;
  border-radius: 2px; overflow: hidden; } .bar span { background: var(--ok); height: 100%; display: block; }
.ok { color: var(--ok); } .warn { color: var(--warn); font-weight: 600; } .bad { color: var(--bad); font-weight: 600; }
td > .ok, td > .warn, td > .bad { white-space: nowrap; }
.tag { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85em; background: var(--card); }
.timeline { display: grid; gap: 3px; margin: .4rem 0 .2rem; position: relative; }
.timeline .week { font-size: .75rem; color: var(--muted); text-align: center; grid-row: 1; }
.timeline .week.now { color: var(--accent); font-weight: 700; }
.timeline .band { background: var(--band); border-radius: 3px; padding: .15rem .4rem; font-size: .85rem;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.timeline .band.now { background: var(--band-now); }
.timeline .marker { border-left: 2px solid var(--accent); justify-self: center; width: 0; pointer-events: none; }
.chart { display: block; width: 180px; height: auto; } .chart line.baseline { stroke: var(--muted); stroke-dasharray: 4 3; stroke-width: 1; }
.chart line.target { stroke: var(--ok); stroke-width: 1.5; }
.chart polyline.reading { fill: none; stroke: var(--accent); stroke-width: 2; } .chart circle.reading { fill: var(--accent); }
.metric { display: grid; grid-template-columns: minmax(0, 1fr) 180px; gap: .2rem 1rem; align-items: center;
  padding: .4rem 0; border-bottom: 1px solid var(--line); }
table.grid { width: auto; border-collapse: separate; border-spacing: 2px; }
table.grid td, table.grid th { width: 2.2rem; height: 1.8rem; text-align: center; border: 0; padding: 0; }
table.grid td.low { background: var(--low); } table.grid td.mid { background: var(--mid); }
table.grid td.high { background: var(--high); font-weight: 700; } table.grid caption { text-align: left;
  color: var(--muted); caption-side: top; } table.grid td.axis { background: none; color: var(--muted); font-size: .8rem; }
details { border: 1px solid var(--line); border-radius: 4px; padding: .3rem .6rem; margin: .4rem 0; }
summary { cursor: pointer; font-weight: 600; } ul { padding-left: 1.2rem; margin: .3rem 0; }
ul.checks { list-style: none; padding-left: .2rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  :root { --fg: #000; --muted: #444; --bg: #fff; --card: #f3f3f3; --line: #ccc; --ok: #1b5e20; --warn: #8a4b00;
    --bad: #b71c1c; --accent: #0d47a1; --band: #dbe7fb; --band-now: #b7d0f7; --low: #e3f2e5; --mid: #fff1d6; --high: #fbe0e0; }
  body { max-width: none; padding: 0; font-size: 10pt; } h2 { break-after: avoid; } tr, .metric, details { break-inside: avoid; }
  details > *:not(summary) { display: block; } .bar, .timeline .band { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""
