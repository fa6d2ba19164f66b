import type { SavedSeriesStatus, Series } from '@scam/shared';

// Shared rather than in features/series: the appeal drafter lists saved series with their status too.

export const STATUS_LABELS: Record<SavedSeriesStatus, string> = {
  new: 'New',
  ongoing: 'Ongoing',
  closed: 'Closed',
  dismissed: 'Dismissed',
};

export const TREND_LABELS: Record<Series['trend'], string> = {
  new: 'New',
  growing: 'Growing',
  steady: 'Steady',
};

export const KIND_LABELS: Record<Series['kind'], string> = {
  space_time: 'Space–time cluster',
  baseline: 'Above baseline',
  linked: 'Linked reports',
};
