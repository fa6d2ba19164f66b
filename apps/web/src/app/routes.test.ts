import { describe, expect, it } from 'vitest';
import { can } from '@scam/shared';
import { matchRoute, navRoutes } from './routes';

const titles = (role: Parameters<typeof navRoutes>[0]) => navRoutes(role).map((r) => r.title);

describe('navigation by role', () => {
  it('offers each role only the pages it can open', () => {
    expect(titles('viewer')).toEqual(['Overview']);
    expect(titles('analyst')).toEqual(['Overview', 'Incidents', 'Series', 'Links']);
    expect(titles('importer')).toEqual(['Overview', 'Import']);
    expect(titles('inspector')).toEqual(['Overview', 'Incidents', 'Series', 'Links', 'Appeals']);
    expect(titles('admin')).toEqual(['Overview', 'Incidents', 'Import', 'Series', 'Links', 'Appeals', 'Admin']);
  });

  it('guards the print page, which is not in the navigation, like the drafter it comes from', () => {
    const print = matchRoute('/appeals/print/');
    expect(print?.hidden).toBe(true);
    expect(can('analyst', print!.permission)).toBe(false);
    expect(can('inspector', print!.permission)).toBe(true);
  });
});
