import { toQueryString } from '../lib/api-client';

/**
 * Chart and map options live in the query string beside the filters (`chart=outcome`, `mapBy=loss`),
 * so a copied link or a saved view shows the same chart. Defaults are left out to keep links short,
 * and a value the page does not offer reads as the default.
 */

/** The option's value in this query string, or the fallback when absent or not one of `allowed`. */
export function readViewParam<T extends string>(search: string, key: string, allowed: readonly T[], fallback: T): T {
  const value = new URLSearchParams(search).get(key);
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

/** The query string with the option set, or removed when it is the default (null). */
export function withViewParam(search: string, key: string, value: string | null): string {
  const params = new URLSearchParams(search);
  const rest: Record<string, string> = {};
  params.forEach((v, k) => {
    if (k !== key) rest[k] = v;
  });
  return toQueryString({ ...rest, [key]: value ?? undefined });
}
