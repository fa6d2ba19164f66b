import { describe, expect, it } from 'vitest';
import { anchorPreferenceKey, readAnchorPreference, saveAnchorPreference } from './anchor-preference';

function memoryStore() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe('the remembered anchor for rolling periods', () => {
  it('is kept per signed-in user', () => {
    const store = memoryStore();
    expect(readAnchorPreference(store, 'analyst')).toBe('today');
    saveAnchorPreference(store, 'analyst', 'data');
    expect(readAnchorPreference(store, 'analyst')).toBe('data');
    // Another user on the same browser keeps their own (the default).
    expect(readAnchorPreference(store, 'viewer')).toBe('today');
    expect(store.items.get(anchorPreferenceKey('analyst'))).toBe('data');
  });

  it('falls back to today for a stored value it does not know, no user, or storage that throws', () => {
    const store = memoryStore();
    store.setItem(anchorPreferenceKey('analyst'), 'yesterday');
    expect(readAnchorPreference(store, 'analyst')).toBe('today');
    saveAnchorPreference(store, null, 'data');
    expect(store.items.size).toBe(1);
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readAnchorPreference(refusing, 'analyst')).toBe('today');
    expect(() => saveAnchorPreference(refusing, 'analyst', 'data')).not.toThrow();
  });
});
