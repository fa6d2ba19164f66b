import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { StorageWatch } from '../db/storage.js';
import { HttpError } from '../lib/http-error.js';

/** A request id on every request and response, so a log line, an audit entry and a report meet. */
export const requestId: RequestHandler = (_req, res, next) => {
  res.locals.requestId = randomUUID();
  res.set('X-Request-Id', res.locals.requestId);
  next();
};

/** `Host: evil.example:8080` means a DNS-rebinding page is talking to us through the victim's browser. */
export function hostCheck(allowed: readonly string[]): RequestHandler {
  const names = new Set(allowed.map((h) => h.toLowerCase()));
  return (req, _res, next) => {
    const host = (req.get('host') ?? '').toLowerCase();
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
    if (names.has(name)) return next();
    next(
      new HttpError(
        421,
        'bad_host',
        `this server does not answer to host "${name.slice(0, 60)}"; set ALLOWED_HOSTS to serve it under that name`,
      ),
    );
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `scheme://host[:port]` as URL normalises it (default port dropped, lower case), or null if it is not one. */
function originOf(url: string): string | null {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

/**
 * Cross-site request forgery: a state-changing request made with the session cookie must come from
 * a page of this origin — same scheme, host and port, as browsers define an origin (an `https` page on
 * the same host is another origin than this `http` server). The scheme is the request's own, or the
 * proxy's `X-Forwarded-Proto` when TRUST_PROXY trusts it. Browsers send Origin on every such request
 * (and Sec-Fetch-Site); a bearer token is never sent by a browser on its own, so token requests are
 * not at risk.
 */
export const sameOrigin: RequestHandler = (req, _res, next) => {
  if (!UNSAFE.has(req.method) || req.get('authorization')) return next();
  const origin = req.get('origin');
  if (origin !== undefined) {
    const sent = originOf(origin);
    if (sent !== null && sent === originOf(`${req.protocol}://${req.get('host') ?? ''}`)) return next();
    return next(new HttpError(403, 'cross_origin', 'refused: this request came from another site'));
  }
  const site = req.get('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return next();
  next(new HttpError(403, 'cross_origin', 'refused: a request that changes data must come from the dashboard (no Origin header)'));
};

/** API answers and exports are police data: never kept by a browser or proxy cache. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  res.set('Pragma', 'no-cache');
  next();
};

/**
 * helmet's headers with a strict Content-Security-Policy: scripts only from our own files (the built
 * app has no inline script), no framing, no plugins. Styles allow inline attributes because the map
 * and charts position elements with style attributes; that cannot run code.
 */
export function securityHeaders(tileUrl: string): RequestHandler {
  let tileOrigin: string | null = null;
  try {
    tileOrigin = tileUrl ? new URL(tileUrl.replace(/\{[a-z]\}/g, 'a')).origin : null;
  } catch {
    tileOrigin = null;
  }
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only makes sense behind TLS, which a proxy in front provides; it sets its own.
    strictTransportSecurity: false,
  });
}

/** What the server says once its database file was deleted or replaced underneath it. */
export function storageGoneMessage(state: 'missing' | 'replaced'): string {
  return `the database file was ${state === 'missing' ? 'deleted' : 'replaced'} while the server was running; nothing can be saved or shown until the server is restarted`;
}

/**
 * Once the database file has been deleted or replaced under the server, a change would be written to
 * a file nobody will open again: refuse it (and say so in the log, once) until the server is restarted.
 */
export function storageGuard(storage: Pick<StorageWatch, 'check'>, log: (msg: string, err: unknown) => void): RequestHandler {
  let told = false;
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    const state = storage.check();
    if (state === 'ok') return next();
    if (!told) {
      told = true;
      log(
        `the database file was ${state === 'missing' ? 'deleted' : 'replaced'} while the server was running; refusing writes until it is restarted`,
        null,
      );
    }
    next(
      new HttpError(
        503,
        'storage_fault',
        `the database file was ${state === 'missing' ? 'deleted' : 'replaced'} while the server was running; nothing can be saved until the server is restarted`,
      ),
    );
  };
}
