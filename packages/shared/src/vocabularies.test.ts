import { describe, expect, it } from 'vitest';
import { ageBandOf, filterQuerySchema } from '@scam/shared';

describe('ageBandOf', () => {
  it('puts exact ages into the bands appeals quote', () => {
    expect(ageBandOf(87)).toBe('80-89');
    expect(ageBandOf(17)).toBe('under 18');
    expect(ageBandOf(18)).toBe('18-29');
    expect(ageBandOf(29)).toBe('18-29');
    expect(ageBandOf(70)).toBe('70-79');
    expect(ageBandOf(93)).toBe('90+');
    expect(ageBandOf(null)).toBe('unknown');
  });
});

describe('filterQuerySchema', () => {
  it('splits lists and turns pounds into pence', () => {
    const f = filterQuerySchema.parse({ method: 'courier, hmrc', minLoss: '99.5' });
    expect(f.method).toEqual(['courier', 'hmrc']);
    expect(f.minLoss).toBe(9950);
  });
  it('names an unknown method', () => {
    const r = filterQuerySchema.safeParse({ method: 'courier,phishing' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('phishing');
  });
  it('refuses an impossible date and a reversed range', () => {
    expect(filterQuerySchema.safeParse({ from: '2023-02-30' }).success).toBe(false);
    expect(filterQuerySchema.safeParse({ from: '2023-05-01', to: '2023-04-01' }).success).toBe(false);
  });
});
