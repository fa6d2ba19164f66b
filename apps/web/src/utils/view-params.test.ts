import { describe, expect, it } from 'vitest';
import { readViewParam, withViewParam } from './view-params';

const VIEWS = ['method', 'outcome', 'cumulative'] as const;

describe('view parameters', () => {
  it('read an offered value, and the default for a missing or unknown one', () => {
    expect(readViewParam('?chart=outcome&method=courier', 'chart', VIEWS, 'method')).toBe('outcome');
    expect(readViewParam('?method=courier', 'chart', VIEWS, 'method')).toBe('method');
    expect(readViewParam('?chart=pie', 'chart', VIEWS, 'method')).toBe('method');
  });
  it('set a value beside the filters and drop it again at the default', () => {
    expect(withViewParam('?period=last-12-weeks', 'chart', 'outcome')).toBe('?period=last-12-weeks&chart=outcome');
    expect(withViewParam('?period=last-12-weeks&chart=outcome', 'chart', null)).toBe('?period=last-12-weeks');
    expect(withViewParam('?chart=outcome', 'chart', null)).toBe('');
  });
});
