import { describe, expect, it } from 'vitest';
import { parseStored, StoredDataError, storedMapping, storedRowErrors } from './stored-json.js';

describe('stored JSON is read through a schema', () => {
  it('reads what was stored as it was stored', () => {
    const errors = [{ line: 3, column: 'Town', value: 'Watfrod', reason: 'unknown town' }];
    expect(parseStored(storedRowErrors, JSON.stringify(errors), 'row errors')).toEqual(errors);
  });
  it('names the field it cannot read, instead of handing a wrong shape to a service', () => {
    const stored = JSON.stringify([{ header: 'Crime Ref', field: 'reference', source: 'guessed' }]);
    expect(() => parseStored(storedMapping, stored, 'column mapping')).toThrow(StoredDataError);
    expect(() => parseStored(storedMapping, stored, 'column mapping')).toThrow(
      'the stored column mapping has unreadable fields (0.source)',
    );
  });
  it('says so when the text is not JSON at all', () => {
    expect(() => parseStored(storedRowErrors, '{oops', 'row errors')).toThrow('the stored row errors is not JSON');
  });
});
