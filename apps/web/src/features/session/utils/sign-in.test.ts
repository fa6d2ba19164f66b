import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { checkCredentials, signInProblem } from './sign-in';

describe('checkCredentials', () => {
  it('asks for a username first, then a password, without sending anything', () => {
    expect(checkCredentials('  ', 'secret')).toEqual({ message: 'Enter your username.', field: 'username' });
    expect(checkCredentials('', '')).toMatchObject({ field: 'username' });
    expect(checkCredentials('analyst', '')).toEqual({ message: 'Enter your password.', field: 'password' });
  });

  it('accepts a password of spaces: it is the server that decides what a password is', () => {
    expect(checkCredentials('analyst', '   ')).toBeNull();
  });
});

describe('signInProblem', () => {
  it('shows a wrong password with the server message, as a sentence, and returns to the password', () => {
    const err = new ApiError(401, 'invalid_credentials', 'user name or password not recognised');
    expect(signInProblem(err)).toEqual({ message: 'User name or password not recognised', field: 'password' });
  });

  it('keeps the wait message, which says for how long', () => {
    const err = new ApiError(
      429,
      'sign_in_delayed',
      'Too many failed sign-ins for this account from this address: try again in 30 seconds.',
    );
    expect(signInProblem(err).message).toBe('Too many failed sign-ins for this account from this address: try again in 30 seconds.');
  });

  it('explains an unreachable server in words rather than a status code', () => {
    expect(signInProblem(new ApiError(0, 'network', 'Cannot reach the API.')).message).toMatch(/cannot reach the server/i);
  });

  it('falls back to the message of anything else', () => {
    expect(signInProblem(new ApiError(400, 'bad_request', 'username: required'))).toEqual({
      message: 'Username: required',
      field: 'username',
    });
    expect(signInProblem(new Error('boom')).message).toBe('Boom');
  });
});
