import { describe, expect, it } from 'vitest';
import { april2019Incidents } from './april-2019.fixture.js';
import { draftAppeal } from './draft.js';
import { toMarkdown, toPlainText } from './render.js';

const draft = { ...draftAppeal({ incidents: april2019Incidents(), today: '2019-04-30' }) };
const withWarning = { ...draft, warnings: [{ code: 'small_area', message: 'STAFF ONLY: check this' }] };

describe('toMarkdown', () => {
  it('lays out a heading, starred bullets and the body paragraphs', () => {
    const md = toMarkdown(draft);
    const lines = md.split('\n');
    expect(lines[0]).toBe(`# ${draft.title}`);
    expect(lines.filter((l) => l.startsWith('* '))).toHaveLength(draft.highlights.length);
    expect(md).toContain('Since 1 April, police have received 30 reports');
    expect(md.split('\n\n').length).toBeGreaterThanOrEqual(2 + draft.body.split('\n\n').length);
  });

  it('stops text that looks like markup from changing the layout', () => {
    const md = toMarkdown({ title: 'T', highlights: ['*not bold*'], body: '# not a heading\n\n- not a list' });
    expect(md).toContain('* \\*not bold\\*');
    expect(md).not.toMatch(/^# not a heading/m);
    expect(md).not.toMatch(/^- not a list/m);
  });
});

describe('toPlainText', () => {
  it('gives the title, the bullets and the body with no markup', () => {
    const text = toPlainText(draft);
    expect(text.startsWith(`${draft.title}\n\n`)).toBe(true);
    for (const h of draft.highlights) expect(text).toContain(`- ${h}`);
    expect(text).toContain(draft.body);
    expect(text).not.toMatch(/^#/m);
  });

  it('leaves staff warnings out of what is published', () => {
    expect(toPlainText(withWarning)).not.toContain('STAFF ONLY');
    expect(toMarkdown(withWarning)).not.toContain('STAFF ONLY');
  });
});
