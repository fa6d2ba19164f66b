import type { Request } from 'express';

/**
 * Over TLS the session cookie is `__Host-` prefixed: browsers then accept it only with `Secure`,
 * `Path=/` and no `Domain`, so no other host (a sibling subdomain, a plain-http page) can set or
 * overwrite it, and a cookie planted under the plain name is never read on a secure request. Plain HTTP
 * (the local demo on 127.0.0.1, where no `Secure` cookie can be set) keeps the unprefixed name.
 */
export const SECURE_SESSION_COOKIE = '__Host-scam.sid';
export const PLAIN_SESSION_COOKIE = 'scam.sid';

/** The session cookie's name for this request: prefixed when it came over TLS (or a trusted TLS proxy). */
export function sessionCookieName(req: Request): string {
  return req.secure ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE;
}
