import { describe, expect, it } from 'vitest';
import { callerNumberKey, canonicalSortCodeAccount, payeeAccountKey, readIdentifier } from './identifiers.js';

describe('callerNumberKey', () => {
  it.each([
    ['020 7946 0123', '02079460123'],
    ['(020) 7946-0123', '02079460123'],
    ['+44 20 7946 0123', '02079460123'],
    ['0044 20 7946 0123', '02079460123'],
    ['07700 900123', '07700900123'],
    ['+1 202 555 0142', '12025550142'],
  ])('compares %j as %j', (number, key) => {
    expect(callerNumberKey(number)).toBe(key);
  });

  it.each([['Withheld'], ['101'], ['07700 900123 ext 4'], [''], [null]])('has no key for %j', (number) => {
    expect(callerNumberKey(number)).toBeNull();
  });
});

describe('payee accounts', () => {
  it('writes a sort code and account number in one layout', () => {
    expect(canonicalSortCodeAccount('20 00 00 12345678')).toBe('20-00-00 12345678');
    expect(canonicalSortCodeAccount('2000001234567')).toBeNull();
  });

  it('compares accounts without spaces or the case of ASCII letters', () => {
    expect(payeeAccountKey('GB29 NWBK 6016 1331 9268 19')).toBe(payeeAccountKey('gb29nwbk60161331926819'));
    expect(payeeAccountKey('20-00-00 12345678')).toBe('20-00-0012345678');
  });
});

describe('readIdentifier', () => {
  it('searches a phone number as a caller number', () => {
    expect(readIdentifier('+44 7700 900123')).toEqual({ callerKey: '07700900123', payeeKey: null });
  });

  it('searches a sort code and account in any layout as the stored account', () => {
    expect(readIdentifier('200000 12345678')?.payeeKey).toBe(payeeAccountKey('20-00-00 12345678'));
    expect(readIdentifier('sort code 20-00-00 account 12345678')?.payeeKey).toBe('20-00-0012345678');
  });

  it('searches a wallet or IBAN as an account', () => {
    expect(readIdentifier('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toEqual({
      callerKey: null,
      payeeKey: 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ',
    });
  });

  it.each([['Watford'], ['hello world'], ['12345'], ['=cmd|calc'], ['12 34'], ['x'.repeat(101)], ['   ']])(
    'refuses %j, which is none of these',
    (text) => {
      expect(readIdentifier(text)).toBeNull();
    },
  );
});
