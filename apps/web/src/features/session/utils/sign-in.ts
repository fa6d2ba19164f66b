import { ApiError, errorMessage } from '../../../lib/api-client';

export type SignInField = 'username' | 'password';

export interface SignInProblem {
  message: string;
  /** The field to put the cursor in, so the person can correct it straight away. */
  field: SignInField;
}

/** Checked before sending: an empty field is answered here rather than by a round trip. */
export function checkCredentials(username: string, password: string): SignInProblem | null {
  if (!username.trim()) return { message: 'Enter your username.', field: 'username' };
  if (!password) return { message: 'Enter your password.', field: 'password' };
  return null;
}

/** Server messages are written to be embedded ("sign in first"); on their own they start a sentence. */
function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * The server's own message where it gives one (a lockout says for how long); the field to return to
 * depends on what went wrong.
 */
export function signInProblem(error: unknown): SignInProblem {
  if (error instanceof ApiError) {
    if (error.status === 0) return { message: 'Cannot reach the server. Check your connection and try again.', field: 'password' };
    if (error.code === 'invalid_credentials') {
      return { message: asSentence(error.message || 'the username or password is not right'), field: 'password' };
    }
    if (error.code === 'sign_in_delayed' || error.status === 429) {
      return { message: asSentence(error.message || 'too many failed attempts; try again later'), field: 'username' };
    }
  }
  return { message: asSentence(errorMessage(error)), field: 'username' };
}
