import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-client';
import { SIGNED_OUT, endedFrom, endsSession } from './session.queries';

describe('endsSession', () => {
  it('reads a 401 from any request as the end of the session', () => {
    expect(endsSession(new ApiError(401, 'unauthenticated', 'Sign in first.'))).toBe(true);
  });

  it('does not read a wrong password on the sign-in form as a lost session', () => {
    expect(endsSession(new ApiError(401, 'invalid_credentials', 'Wrong username or password.'))).toBe(false);
  });

  it('leaves refusals, lockouts and network failures to the page that asked', () => {
    expect(endsSession(new ApiError(403, 'forbidden', 'Your role cannot do this.'))).toBe(false);
    expect(endsSession(new ApiError(429, 'locked', 'Locked for 15 minutes.'))).toBe(false);
    expect(endsSession(new ApiError(0, 'network', 'Cannot reach the API.'))).toBe(false);
    expect(endsSession(new Error('401'))).toBe(false);
  });
});

describe('endedFrom', () => {
  it('says the session expired, and whose it was, when the page was signed in', () => {
    expect(endedFrom({ signedIn: true, user: { name: 'j.smith', role: 'analyst' }, readOnly: false })).toEqual({
      signedIn: false,
      expired: true,
      previousUser: 'j.smith',
    });
  });

  it('is a plain sign-in on a first visit or after signing out', () => {
    expect(endedFrom(undefined)).toEqual(SIGNED_OUT);
    expect(endedFrom(SIGNED_OUT)).toEqual(SIGNED_OUT);
  });
});
