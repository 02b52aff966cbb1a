import { resealSecrets } from '@/src/crypto/reseal-secrets';
import { AppError } from '@/src/shared/app-error';
import type { Command } from '../command';

// Keys come from the environment only (never argv, which `ps` and shell history show).
export const secretsCommand: Command = {
  name: 'secrets',
  summary: 'Rotate the key that seals stored channel secrets',
  subcommands: {
    rotate: {
      summary:
        'Re-seal every stored token and secret with ENCRYPTION_KEY (the new key), opening them with ENCRYPTION_KEY_PREVIOUS (the old one)',
      usage: 'ENCRYPTION_KEY=<new> ENCRYPTION_KEY_PREVIOUS=<old> npm run cli -- secrets rotate',
      options: {},
      async run({ db, env, print }) {
        const current = env.ENCRYPTION_KEY;
        const previous = env.ENCRYPTION_KEY_PREVIOUS;
        if (!current || !previous) {
          throw new AppError(
            'bad_request',
            'set ENCRYPTION_KEY to the new key and ENCRYPTION_KEY_PREVIOUS to the old one (openssl rand -base64 32 makes a key)',
          );
        }
        const result = await resealSecrets(db, current, previous);
        const lines = [
          `Key ${result.keyId}: ${result.resealed} re-sealed, ${result.alreadyCurrent} already under it, ${result.checked} checked.`,
          result.changedMeanwhile
            ? `${result.changedMeanwhile} were saved again meanwhile (kept as saved).`
            : '',
          result.unreadable.length
            ? `Neither key opens: ${result.unreadable.join(', ')} (left as they are; connect those channels again).`
            : '',
        ];
        print(lines.filter(Boolean).join('\n'), result);
        if (result.unreadable.length)
          throw new AppError('conflict', `${result.unreadable.length} secrets could not be opened`);
      },
    },
  },
};
