import { describe, expect, it } from 'vitest';
import { handoverPackUrl, recipientProblem } from './handover';

describe('recipientProblem', () => {
  it('asks for a recipient and refuses what the server would', () => {
    expect(recipientProblem('   ')).toBe('Name the recipient first.');
    expect(recipientProblem('x'.repeat(201))).toBe('At most 200 characters.');
    expect(recipientProblem('ERSOU\nteam')).toBe('No control, direction-changing or invisible characters.');
    expect(recipientProblem('ERSOU\u202Emaet')).toBe('No control, direction-changing or invisible characters.');
    expect(recipientProblem('NFIB 🚨')).toBeNull();
    expect(recipientProblem(' ERSOU Regional Fraud Team ')).toBeNull();
  });
});

describe('handoverPackUrl', () => {
  it('encodes the trimmed recipient and the assessment shown', () => {
    expect(handoverPackUrl(7, ' ERSOU & Co ', 2)).toBe('/api/saved-series/7/pack?recipient=ERSOU%20%26%20Co&assessment=2');
    expect(handoverPackUrl(7, 'NFIB', null)).toBe('/api/saved-series/7/pack?recipient=NFIB');
  });
});
