import { useCallback, useSyncExternalStore } from 'react';

/**
 * The analyst's name for the appeal audit trail, kept in this browser until sign-in arrives. It is
 * sent as the X-User header; blank means the API records "anonymous".
 */
const KEY = 'scam-series.user-name';
const EVENT = 'scam-series:user-name';

export function getUserName(): string {
  try {
    return window.localStorage.getItem(KEY)?.trim() ?? '';
  } catch {
    // Storage can be blocked (private windows, policy); the audit then records "anonymous".
    return '';
  }
}

function setUserName(name: string): void {
  try {
    if (name.trim()) window.localStorage.setItem(KEY, name);
    else window.localStorage.removeItem(KEY);
  } catch {
    // As above: without storage the name lasts for this page only.
  }
  window.dispatchEvent(new Event(EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

function rawName(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function useUserName(): [string, (name: string) => void] {
  const name = useSyncExternalStore(subscribe, rawName, () => '');
  return [name, useCallback(setUserName, [])];
}

/** Headers for writes that the API records against a person. */
export function userHeaders(): Record<string, string> {
  const name = getUserName();
  // Header values must be Latin-1; anything else is dropped rather than failing the request.
  return name && /^[\x20-\x7e\xa0-\xff]+$/.test(name) ? { 'X-User': name.slice(0, 100) } : {};
}
