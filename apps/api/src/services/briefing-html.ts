import { ASSESSMENT_KIND_LABELS, METHOD_LABELS, OUTCOME_LABELS, ukTimestamp } from '@scam/shared';
import type { BoundaryCollection, Method, Outcome, SavedSeriesStatus, SeriesAssessment } from '@scam/shared';
import { screenDate, screenMoney } from './incidents-export.js';

/**
 * The series briefing as one self-contained HTML file for a handover pack: the figures, explanation,
 * weekly chart, map and evidence table of one frozen assessment, printable on A4, with no script, no
 * external request and every value escaped (references, places and summaries come from force returns
 * and can hold anything). The figures are the assessment's as it was frozen, never detection's now.
 */

/** The current record of a member, for what an assessment does not freeze: loss, outcome and where it plots. */
export interface BriefingRecord {
  reference: string;
  lossPence: number;
  outcome: Outcome;
  lat: number | null;
  lon: number | null;
  place: string;
}

export interface BriefingInput {
  marking: string;
  force: string;
  title: string;
  status: SavedSeriesStatus;
  method: Method;
  assessment: SeriesAssessment;
  totalAssessments: number;
  records: readonly BriefingRecord[];
  /** Members added since the assessment: listed, not counted in its figures. */
  notAssessed: readonly string[];
  boundaries: BoundaryCollection;
  recipient: string;
  exportedBy: string;
  exportedAt: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** "7 Dec 2026, 14:02" in UK time, as the dashboard writes a moment. */
export const briefingTimestamp = ukTimestamp;

/** "Assessment 2 of 3 · re-assessed by ana.lyst on 7 Dec 2026, 14:02 · data version 41,230" — as on screen. */
export function assessmentLine(a: SeriesAssessment, total: number): string {
  const version = a.dataVersion === null ? 'data version not recorded' : `data version ${a.dataVersion.toLocaleString('en-GB')}`;
  return `Assessment ${a.seq} of ${total} · ${ASSESSMENT_KIND_LABELS[a.kind]} by ${a.by} on ${briefingTimestamp(a.at)} · ${version}`;
}

export function formatP(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** The figures block, label and value, from the assessment alone. */
export function briefingFigures(a: SeriesAssessment): { label: string; value: string }[] {
  const observed =
    a.observed === null || a.expected === null
      ? a.detectedId
        ? 'linked by shared details'
        : 'put together by hand: no scan figures'
      : `${a.observed.toLocaleString('en-GB')} observed vs ${a.expected.toFixed(1)} expected`;
  const areas = districtCounts(a)
    .map((d) => `${d.name} (${d.count})`)
    .join(', ');
  return [
    { label: 'Reports', value: `${a.reports.toLocaleString('en-GB')} · ${observed}` },
    { label: 'p-value', value: formatP(a.pValue) },
    { label: 'Relative risk', value: a.relativeRisk !== null && a.relativeRisk > 0 ? `${a.relativeRisk.toFixed(1)}×` : '—' },
    { label: 'Lost', value: screenMoney(a.lossPence) },
    { label: 'Victims', value: `${a.victimsLost.toLocaleString('en-GB')} lost money · ${a.reports - a.victimsLost} attempts` },
    { label: 'Period', value: a.first && a.last ? `${screenDate(a.first)} – ${screenDate(a.last)}` : '—' },
    { label: 'Areas', value: areas || '—' },
  ];
}

function districtCounts(a: SeriesAssessment): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of a.evidence) counts.set(e.district, (counts.get(e.district) ?? 0) + 1);
  return [...counts.entries()].map(([name, count]) => ({ name, count })).sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Members per week (weeks starting Monday) from the first member's week to the last's, empty weeks included. */
export function weeklyCounts(dates: readonly string[]): { weekStart: string; count: number }[] {
  const days = dates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).map(dayNumber);
  if (days.length === 0) return [];
  // Day 0 (1 Jan 1970) was a Thursday: Monday-based weeks start 3 days before it.
  const weekOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);
  const first = weekOf(Math.min(...days));
  const last = weekOf(Math.max(...days));
  const weeks: { weekStart: string; count: number }[] = [];
  const index = new Map<number, number>();
  for (let w = first; w <= last; w += 7) {
    index.set(w, weeks.length);
    weeks.push({ weekStart: isoOf(w), count: 0 });
  }
  for (const d of days) weeks[index.get(weekOf(d)) as number]!.count += 1;
  return weeks;
}

function chartSvg(weeks: { weekStart: string; count: number }[]): string {
  if (weeks.length === 0) return '<p class="muted">No dated members.</p>';
  const width = 680;
  const height = 110;
  const left = 28;
  const bottom = 20;
  const max = Math.max(...weeks.map((w) => w.count), 1);
  const slot = (width - left) / weeks.length;
  const barW = Math.max(2, slot * 0.75);
  const plotH = height - bottom - 8;
  const bars = weeks
    .map((w, i) => {
      const h = (w.count / max) * plotH;
      const x = left + i * slot + (slot - barW) / 2;
      return `<rect x="${x.toFixed(1)}" y="${(height - bottom - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="#1d4f91"><title>${escapeHtml(`Week of ${screenDate(w.weekStart)}: ${w.count}`)}</title></rect>`;
    })
    .join('');
  const firstLabel = escapeHtml(screenDate(weeks[0]!.weekStart));
  const lastLabel = escapeHtml(screenDate(weeks[weeks.length - 1]!.weekStart));
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Members per week">
<line x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#555" stroke-width="1"/>
<text x="${left - 4}" y="14" text-anchor="end" font-size="10">${max}</text><text x="${left - 4}" y="${height - bottom}" text-anchor="end" font-size="10">0</text>
${bars}
<text x="${left}" y="${height - 5}" font-size="10">week of ${firstLabel}</text><text x="${width}" y="${height - 5}" text-anchor="end" font-size="10">week of ${lastLabel}</text>
</svg>`;
}

type Ring = [number, number][];

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const dotRadius = (count: number) => 3 + Math.sqrt(count) * 2;

/** Inside the map and clear of every box already placed. */
function fits(b: Box, placed: readonly Box[], width: number, height: number): boolean {
  if (b.x < 0 || b.y < 0 || b.x + b.w > width || b.y + b.h > height) return false;
  return placed.every((o) => b.x + b.w <= o.x || o.x + o.w <= b.x || b.y + b.h <= o.y || o.y + o.h <= b.y);
}

function ringsOf(geometry: BoundaryCollection['features'][number]['geometry']): Ring[] {
  const c = geometry.coordinates;
  if (geometry.type === 'Polygon') return c as Ring[];
  return (c as Ring[][]).flat();
}

/**
 * District boundaries as SVG paths (an equirectangular projection scaled for the latitude: at county
 * scale the difference from a proper map projection is invisible), the assessed members' places as dots
 * sized by count, and the assessment's circle.
 */
function mapSvg(input: BriefingInput): string {
  const a = input.assessment;
  const assessed = new Set(a.members);
  const assessedDistricts = new Set(a.evidence.map((e) => e.district.toLowerCase()));
  const places = new Map<string, { lat: number; lon: number; count: number }>();
  for (const r of input.records) {
    if (!assessed.has(r.reference) || r.lat === null || r.lon === null) continue;
    const p = places.get(r.place) ?? { lat: r.lat, lon: r.lon, count: 0 };
    p.count += 1;
    places.set(r.place, p);
  }
  const features = input.boundaries.features;
  const shown = features.filter((f) => assessedDistricts.has(f.properties.name.toLowerCase()));
  const focus = shown.length > 0 ? shown : features;
  const lons: number[] = [];
  const lats: number[] = [];
  for (const f of focus)
    for (const ring of ringsOf(f.geometry))
      for (const [lon, lat] of ring) {
        lons.push(lon);
        lats.push(lat);
      }
  for (const p of places.values()) {
    lons.push(p.lon);
    lats.push(p.lat);
  }
  const kmPerDegLat = 111.32;
  if (a.centre && a.radiusKm) {
    const dLat = a.radiusKm / kmPerDegLat;
    const dLon = dLat / Math.cos((a.centre.lat * Math.PI) / 180);
    lons.push(a.centre.lon - dLon, a.centre.lon + dLon);
    lats.push(a.centre.lat - dLat, a.centre.lat + dLat);
  }
  if (lons.length === 0) return '<p class="muted">No places to map.</p>';
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const width = 680;
  const height = 260;
  const pad = 10;
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  const px = (lon: number) => offX + (lon - minLon) * k * scale;
  const py = (lat: number) => offY + (maxLat - lat) * scale;
  const path = (f: BoundaryCollection['features'][number]) =>
    ringsOf(f.geometry)
      .map((ring) => {
        // Points closer than half a pixel to the last one kept add bytes and nothing a reader can see.
        const out: string[] = [];
        let lastX = Infinity;
        let lastY = Infinity;
        for (const [lon, lat] of ring) {
          const x = px(lon);
          const y = py(lat);
          if (Math.abs(x - lastX) < 0.5 && Math.abs(y - lastY) < 0.5) continue;
          out.push(`${x.toFixed(1)},${y.toFixed(1)}`);
          [lastX, lastY] = [x, y];
        }
        return out.length > 2 ? `M${out.join('L')}Z` : '';
      })
      .join('');
  const districts = features
    .map((f) => {
      const hit = assessedDistricts.has(f.properties.name.toLowerCase());
      return `<path d="${path(f)}" fill="${hit ? '#e8eef7' : '#f6f6f6'}" stroke="#7a8699" stroke-width="0.8"><title>${escapeHtml(f.properties.name)}</title></path>`;
    })
    .join('');
  const circle =
    a.centre && a.radiusKm
      ? `<circle cx="${px(a.centre.lon).toFixed(1)}" cy="${py(a.centre.lat).toFixed(1)}" r="${((a.radiusKm / kmPerDegLat) * scale).toFixed(1)}" fill="rgba(200,60,40,0.08)" stroke="#c83c28" stroke-width="1.5" stroke-dasharray="5 3"/>`
      : '';
  const dots = [...places.entries()]
    .map(
      ([name, p]) =>
        `<circle cx="${px(p.lon).toFixed(1)}" cy="${py(p.lat).toFixed(1)}" r="${dotRadius(p.count).toFixed(1)}" fill="#1d4f91" fill-opacity="0.8" stroke="#fff" stroke-width="1"><title>${escapeHtml(`${name}: ${p.count}`)}</title></circle>`,
    )
    .join('');
  // Names that would overlap one already placed are left out (the dot keeps its tooltip, the table
  // names every place): places first, busiest first, to the right of the dot or else to its left; then
  // district names where there is room.
  const placed: Box[] = [...places.values()].map((p) => {
    const r = dotRadius(p.count);
    return { x: px(p.lon) - r, y: py(p.lat) - r, w: 2 * r, h: 2 * r };
  });
  const names: string[] = [];
  for (const [name, p] of [...places.entries()].sort((x, y) => y[1].count - x[1].count || x[0].localeCompare(y[0]))) {
    const text = `${name} (${p.count})`;
    const w = text.length * 5.4;
    const r = dotRadius(p.count);
    const cx = px(p.lon);
    const cy = py(p.lat);
    const spot = [
      { x: cx + r + 3, anchor: 'start' },
      { x: cx - r - 3 - w, anchor: 'end' },
    ].find((c) => fits({ x: c.x, y: cy - 7, w, h: 11 }, placed, width, height));
    if (!spot) continue;
    placed.push({ x: spot.x, y: cy - 7, w, h: 11 });
    const at = spot.anchor === 'start' ? spot.x : spot.x + w;
    names.push(
      `<text x="${at.toFixed(1)}" y="${(cy + 3).toFixed(1)}" font-size="10" fill="#111" text-anchor="${spot.anchor}">${escapeHtml(text)}</text>`,
    );
  }
  for (const f of focus) {
    const rings = ringsOf(f.geometry);
    const outer = rings.reduce((best, r) => (r.length > best.length ? r : best), rings[0] ?? []);
    if (outer.length === 0) continue;
    const cx = outer.reduce((sum, [lon]) => sum + px(lon), 0) / outer.length;
    const cy = outer.reduce((sum, [, lat]) => sum + py(lat), 0) / outer.length;
    const w = f.properties.name.length * 4.8;
    const box = { x: cx - w / 2, y: cy - 7, w, h: 10 };
    if (!fits(box, placed, width, height)) continue;
    placed.push(box);
    names.push(
      `<text x="${cx.toFixed(1)}" y="${cy.toFixed(1)}" font-size="9" font-style="italic" fill="#7a8699" text-anchor="middle">${escapeHtml(f.properties.name)}</text>`,
    );
  }
  return `<svg class="map" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Map of the members' places">
<rect width="${width}" height="${height}" fill="#fff"/>${districts}${circle}${dots}${names.join('')}
</svg>`;
}

const TIES: { key: string; label: string }[] = [
  { key: 'method', label: 'Method' },
  { key: 'impersonated', label: 'Posed as' },
  { key: 'channel', label: 'Asked for' },
  { key: 'time', label: 'Time' },
  { key: 'distance', label: 'Distance' },
  { key: 'ageBand', label: 'Age band' },
  { key: 'callerNumber', label: 'Caller no.' },
];

function tableHtml(input: BriefingInput): string {
  const a = input.assessment;
  const records = new Map(input.records.map((r) => [r.reference, r]));
  const evidence = new Map(a.evidence.map((e) => [e.reference, e]));
  const rows = a.members.map((reference) => {
    const e = evidence.get(reference);
    const r = records.get(reference);
    const ties = TIES.map((t) => {
      const tie = e ? e.ties[t.key] : undefined;
      return `<td class="tie">${tie === undefined ? '?' : tie ? '✓' : '–'}</td>`;
    }).join('');
    const reasons = e ? e.reasons.join('; ') : 'Not assessed: added after this assessment or no evidence kept.';
    // A member's row and its reasons as one group, so a page never splits them.
    return `<tbody class="member"><tr><td>${escapeHtml(reference)}</td><td>${escapeHtml(e ? screenDate(e.offenceDate) : '')}</td><td>${escapeHtml(e?.place ?? r?.place ?? '')}</td><td>${escapeHtml(e?.district ?? '')}</td><td>${escapeHtml(r ? OUTCOME_LABELS[r.outcome] : 'no longer stored')}</td><td class="num">${r ? escapeHtml(screenMoney(r.lossPence)) : ''}</td>${ties}</tr>
<tr class="reasons"><td colspan="${6 + TIES.length}">${escapeHtml(reasons)}</td></tr></tbody>`;
  });
  return `<table class="members">
<thead><tr><th>Reference</th><th>Offence date</th><th>Place</th><th>District</th><th>Outcome</th><th>Lost</th>${TIES.map((t) => `<th class="tie">${escapeHtml(t.label)}</th>`).join('')}</tr></thead>
${rows.join('\n')}
</table>`;
}

const CSS = `
@page { size: A4; margin: 16mm 12mm; @top-center { content: "OFFICIAL-SENSITIVE"; font: bold 9pt sans-serif; } @bottom-center { content: "OFFICIAL-SENSITIVE"; font: bold 9pt sans-serif; } }
* { box-sizing: border-box; }
body { font: 10pt/1.4 "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
.marking { text-align: center; font-weight: bold; letter-spacing: 0.05em; border: 1px solid #111; padding: 2px; margin: 0 0 4mm; }
.marking--bottom { margin: 6mm 0 0; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1px solid #ccc; }
.status { display: inline-block; border: 1px solid #555; border-radius: 3px; padding: 0 5px; font-size: 9pt; vertical-align: middle; margin-left: 2mm; }
.muted { color: #555; }
.small { font-size: 8.5pt; }
dl.figures { display: grid; grid-template-columns: repeat(2, 1fr); gap: 1mm 6mm; margin: 3mm 0; }
dl.figures div { display: flex; gap: 3mm; }
dl.figures dt { font-weight: bold; min-width: 26mm; }
dl.figures dd { margin: 0; }
svg { display: block; max-width: 100%; height: auto; }
.map { border: 1px solid #ccc; }
table.members { width: 100%; border-collapse: collapse; font-size: 7.5pt; }
table.members th, table.members td { border-bottom: 1px solid #ccc; padding: 1mm; text-align: left; vertical-align: top; }
table.members thead { display: table-header-group; }
table.members tbody { break-inside: avoid; }
table.members tr.reasons td { color: #444; font-size: 7pt; padding-top: 0; border-bottom: 1px solid #ccc; }
table.members tbody tr:first-child td { border-bottom: none; }
td.tie, th.tie { text-align: center; }
td.num { text-align: right; white-space: nowrap; }
section { break-inside: avoid; }
h2 { break-after: avoid; }
section.table { break-inside: auto; }
@media print { body { padding: 0; } }
`;

export function renderBriefingHtml(input: BriefingInput): string {
  const a = input.assessment;
  const figures = briefingFigures(a)
    .map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd></div>`)
    .join('');
  const weeks = weeklyCounts(a.evidence.map((e) => e.offenceDate));
  const explanation = a.explanation
    ? `<p>${escapeHtml(a.explanation)}</p>`
    : `<p class="muted">No detection run found this series when it was assessed: it rests on the analyst's judgement, and the ties below are measured against its own members.</p>`;
  const added =
    input.notAssessed.length > 0
      ? `<p class="small muted">Added since this assessment, not in its figures: ${escapeHtml(input.notAssessed.join(', '))}.</p>`
      : '';
  const note = a.note ? `<p class="small">Assessment note: ${escapeHtml(a.note)}</p>` : '';
  const marking = escapeHtml(input.marking);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${marking} · ${escapeHtml(input.title)}</title>
<style>${CSS}</style>
</head>
<body>
<p class="marking">${marking}</p>
<header>
<h1>${escapeHtml(input.title)}<span class="status">${escapeHtml(input.status)}</span></h1>
<p class="muted">${escapeHtml(METHOD_LABELS[input.method])} · ${escapeHtml(input.force)} · saved series</p>
<p data-assessment-line>${escapeHtml(assessmentLine(a, input.totalAssessments))}</p>
<p class="small muted">Handed over to ${escapeHtml(input.recipient)} by ${escapeHtml(input.exportedBy)} on ${escapeHtml(briefingTimestamp(input.exportedAt))}.</p>
</header>
<section>
<h2>Figures</h2>
<dl class="figures">${figures}</dl>
</section>
<section>
<h2>Evidence</h2>
${explanation}${note}${added}
</section>
<section>
<h2>Reports per week</h2>
${chartSvg(weeks)}
</section>
<section>
<h2>Where</h2>
${mapSvg(input)}
<p class="small muted">Shaded: districts with members. Dots: members' places, sized by reports. Dashed circle: the series area of the assessment.</p>
</section>
<section class="table">
<h2>Incidents and what ties them</h2>
<p class="small muted">✓ matches the series profile · – does not · ? not assessed</p>
${tableHtml(input)}
</section>
<p class="marking marking--bottom">${marking}</p>
</body>
</html>
`;
}
