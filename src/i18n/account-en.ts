import type { AccountMessages } from './account-es';

// Accounts: email links, setting and resetting a password, in English.

export const accountEn: AccountMessages = {
  linkBrowser: 'Open the link in the same browser where you asked for it, or ask for a new one here.',
  forgotLink: 'Forgot your password?',
  resetTitle: 'Reset your password',
  resetIntro: 'Enter your email and we will send you a link to choose a new password.',
  resetButton: 'Send me the link',
  resetSent: 'If the address has an account, a link is on its way. Open it in this same browser.',
  setTitleInvite: 'Choose your password',
  setTitleReset: 'Choose a new password',
  setIntro: (email: string) => `For the account ${email}. At least 10 characters.`,
  password: 'New password',
  confirm: 'Repeat the password',
  save: 'Save password',
  mismatch: 'The password needs at least 10 characters, typed the same twice.',
  weak: 'That password is too easy to guess. Choose a longer one.',
  expired: 'The link is no longer valid. Ask for a new one.',
  backToLogin: 'Back to sign in',
};
