import { describe, expect, it } from 'vitest';
import { FILTER_KEYS, INCIDENT_SORTS } from '@scam/shared';
import { FILTER_PARAM_KEYS, INCIDENT_SORT_KEYS } from './contract-keys';

describe('local copies of contract key lists', () => {
  it('match the shared contract exactly', () => {
    expect([...FILTER_PARAM_KEYS]).toEqual([...FILTER_KEYS]);
    expect([...INCIDENT_SORT_KEYS]).toEqual([...INCIDENT_SORTS]);
  });
});
