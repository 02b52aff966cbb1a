import { AppError, type ErrorCode } from '@/src/shared/app-error';

// Every refusal in connecting a channel carries a reason code; the dashboard turns it into
// Spanish (src/i18n/onboarding-*.ts) with what to do next, the CLI prints the English message.
export const onboardingReasons = [
  'proof_needs_token',
  'proof_needs_waba',
  'not_owner',
  'token_invalid',
  'permission_missing',
  'platform_unreachable',
  'platform_secret_reused',
  'platform_app_missing',
  'code_invalid',
  'signup_cancelled',
  'signup_incomplete',
  'number_not_found',
  'pin_mismatch',
  'register_limit',
  'number_needs_verification',
  'number_recently_deleted',
  'register_failed',
  'subscribe_failed',
  'no_pages',
  'page_not_found',
  'state_invalid',
] as const;
export type OnboardingReason = (typeof onboardingReasons)[number];

export function onboardingError(code: ErrorCode, reason: OnboardingReason, message: string): AppError {
  return new AppError(code, message, { reason });
}
