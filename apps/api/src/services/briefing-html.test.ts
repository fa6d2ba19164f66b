import { describe, expect, it } from 'vitest';
import type { BoundaryCollection, SeriesAssessment } from '@scam/shared';
import { assessmentLine, renderBriefingHtml, weeklyCounts, type BriefingInput } from './briefing-html.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

const square = (lon: number, lat: number): BoundaryCollection['features'][number]['geometry'] => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 0.1, lat],
      [lon + 0.1, lat + 0.1],
      [lon, lat + 0.1],
      [lon, lat],
    ],
  ],
});

const BOUNDARIES: BoundaryCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: 'E1', name: 'St Albans', county: 'Hertfordshire' }, geometry: square(-0.4, 51.7) },
    { type: 'Feature', properties: { code: 'E2', name: 'Watford', county: 'Hertfordshire' }, geometry: square(-0.5, 51.6) },
    { type: 'Feature', properties: { code: 'E3', name: 'Stevenage', county: 'Hertfordshire' }, geometry: square(-0.2, 51.9) },
  ],
};

const assessment: SeriesAssessment = {
  seq: 2,
  kind: 'reassessed',
  at: '2026-12-07T14:02:00.000Z',
  by: 'ana.lyst',
  dataVersion: 41230,
  detectedId: 'courier-1',
  question: null,
  first: '2019-04-01',
  last: '2019-04-16',
  observed: 3,
  expected: 0.42,
  pValue: 0.002,
  llr: 5.1,
  relativeRisk: 7.25,
  reports: 3,
  lossPence: 350_000,
  victimsLost: 1,
  members: ['HC/1', 'HC/2', 'HC/3'],
  evidence: [
    {
      reference: 'HC/1',
      offenceDate: '2019-04-01',
      place: 'St Albans',
      district: 'St Albans',
      score: 1,
      ties: { method: true, distance: true },
      reasons: ['same method'],
    },
    {
      reference: 'HC/2',
      offenceDate: '2019-04-02',
      place: HOSTILE,
      district: 'St Albans',
      score: 0.8,
      ties: { method: true, distance: false },
      reasons: [HOSTILE],
    },
    {
      reference: 'HC/3',
      offenceDate: '2019-04-16',
      place: 'Watford',
      district: 'Watford',
      score: 0.9,
      ties: { method: true, distance: true },
      reasons: [],
    },
  ],
  explanation: `3 reports near ${HOSTILE}`,
  detectedMembers: ['HC/1', 'HC/2', 'HC/3'],
  centre: { lat: 51.7, lon: -0.4 },
  radiusKm: 5,
  note: '',
  redactedAt: null,
  erased: 0,
};

const input: BriefingInput = {
  marking: 'OFFICIAL-SENSITIVE',
  force: 'Hertfordshire',
  title: `Op Falcon ${HOSTILE}`,
  status: 'ongoing',
  method: 'courier',
  assessment,
  totalAssessments: 3,
  records: [
    { reference: 'HC/1', lossPence: 350_000, outcome: 'lost', lat: 51.75, lon: -0.34, place: 'St Albans' },
    { reference: 'HC/2', lossPence: 0, outcome: 'attempted', lat: 51.74, lon: -0.33, place: HOSTILE },
    { reference: 'HC/3', lossPence: 0, outcome: 'attempted', lat: 51.65, lon: -0.4, place: 'Watford' },
  ],
  notAssessed: ['HC/9'],
  boundaries: BOUNDARIES,
  recipient: 'ERSOU Regional Fraud Team',
  exportedBy: 'inspector',
  exportedAt: '2026-12-08T09:30:00.000Z',
};

describe('renderBriefingHtml', () => {
  const html = renderBriefingHtml(input);

  it('escapes hostile places, reasons, explanation and title', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('Op Falcon &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).toContain('3 reports near &lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows the assessment line and its figures', () => {
    expect(html).toContain('Assessment 2 of 3 · re-assessed by ana.lyst on 7 Dec 2026, 14:02 · data version 41,230');
    expect(html).toContain('<dt>Reports</dt><dd>3 · 3 observed vs 0.4 expected</dd>');
    expect(html).toContain('<dt>p-value</dt><dd>0.002</dd>');
    expect(html).toContain('<dt>Relative risk</dt><dd>7.3×</dd>');
    expect(html).toContain('<dt>Lost</dt><dd>£3,500.00</dd>');
    expect(html).toContain('<dt>Victims</dt><dd>1 lost money · 2 attempts</dd>');
    expect(html).toContain('<dt>Period</dt><dd>1 Apr 2019 – 16 Apr 2019</dd>');
    expect(html).toContain('<dt>Areas</dt><dd>St Albans (2), Watford (1)</dd>');
    expect(html).toContain('Added since this assessment, not in its figures: HC/9.');
  });

  it('is self-contained and printable: no script, no external reference, A4 with the marking top and bottom', () => {
    expect(html).not.toMatch(/<script|<link|<img|url\(|https?:\/\//i);
    expect(html).toContain('@page { size: A4;');
    expect(html.match(/<p class="marking[^"]*">OFFICIAL-SENSITIVE<\/p>/g)).toHaveLength(2);
  });

  it('draws a bar per week, the districts, a dot per place and the circle', () => {
    const chart = html.slice(html.indexOf('<svg class="chart"'), html.indexOf('</svg>', html.indexOf('<svg class="chart"')));
    expect(chart.match(/<rect /g)).toHaveLength(3);
    const map = html.slice(html.indexOf('<svg class="map"'));
    expect(map.match(/<path /g)).toHaveLength(3);
    expect(map).toContain('<title>St Albans: 1</title>');
    expect(map).toMatch(/stroke-dasharray="5 3"/);
  });

  it('leaves out a place name that would overlap another, keeping its dot', () => {
    const crowded = renderBriefingHtml({
      ...input,
      records: input.records.map((r) => ({ ...r, lat: 51.75, lon: -0.34 })),
    });
    const map = crowded.slice(crowded.indexOf('<svg class="map"'));
    const dots = map.match(/<title>[^<]*: 1<\/title><\/circle>/g) ?? [];
    expect(dots).toHaveLength(3);
    // Three names at one spot: one to the right of the dots, one to the left, the third left out.
    const names = map.match(/<text [^>]*font-size="10"[^>]*>[^<]*\(1\)<\/text>/g) ?? [];
    expect(names).toHaveLength(2);
    expect(names.map((n) => /text-anchor="(\w+)"/.exec(n)?.[1]).sort()).toEqual(['end', 'start']);
  });

  it('marks ties ✓, – and ? for each member', () => {
    const row = html.slice(html.indexOf('<tr><td>HC/2</td>'), html.indexOf('</tr>', html.indexOf('<tr><td>HC/2</td>')));
    expect(row).toContain('<td class="tie">✓</td><td class="tie">?</td><td class="tie">?</td><td class="tie">?</td><td class="tie">–</td>');
  });
});

describe('weeklyCounts', () => {
  it('counts per Monday-based week, empty weeks included', () => {
    expect(weeklyCounts(['2019-04-01', '2019-04-07', '2019-04-08', '2019-04-22'])).toEqual([
      { weekStart: '2019-04-01', count: 2 },
      { weekStart: '2019-04-08', count: 1 },
      { weekStart: '2019-04-15', count: 0 },
      { weekStart: '2019-04-22', count: 1 },
    ]);
  });
});

describe('assessmentLine', () => {
  it('says when the data version was not recorded', () => {
    expect(assessmentLine({ ...assessment, seq: 1, kind: 'recorded', dataVersion: null }, 1)).toBe(
      'Assessment 1 of 1 · recorded when assessments began by ana.lyst on 7 Dec 2026, 14:02 · data version not recorded',
    );
  });
});
