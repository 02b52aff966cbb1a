import { onboardingError } from '../../ownership/onboarding-error';
import { GraphCallError } from './graph-call';

// What a Graph error means for a connection being proven: a dead token, a missing permission,
// or an id this token cannot see (100/33: "does not exist, cannot be loaded due to missing
// permissions"), which is exactly "not yours".
export function graphRefusal(error: unknown, what: string): unknown {
  if (!(error instanceof GraphCallError)) return error;
  const code = error.graph?.code;
  if (code === 190)
    return onboardingError(
      'bad_request',
      'token_invalid',
      `Meta rejected the access token (${error.message})`,
    );
  if (code === 10 || code === 200 || (code !== undefined && code >= 200 && code < 300)) {
    return onboardingError(
      'forbidden',
      'permission_missing',
      `the token lacks a permission for ${what} (${error.message})`,
    );
  }
  return onboardingError(
    'forbidden',
    'not_owner',
    `the access token does not own ${what} (${error.message})`,
  );
}
