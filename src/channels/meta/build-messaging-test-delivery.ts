import { type TestDeliveryInput, uniqueTestId } from '@/src/channels/test-delivery';
import { signMetaDelivery } from './sign-meta-delivery';

// A Messenger ('page') or Instagram text message as Meta posts it (PLATFORMS.md §3).
export function buildMessagingTestDelivery(
  object: 'page' | 'instagram',
  accountId: string,
  defaultSender: string,
  input: TestDeliveryInput,
) {
  const sender = input.sender ?? defaultSender;
  const ms = input.now.getTime();
  const payload = {
    object,
    entry: [
      {
        id: accountId,
        time: ms,
        messaging: [
          {
            sender: { id: sender },
            recipient: { id: accountId },
            timestamp: ms,
            message: { mid: `m_TEST${uniqueTestId()}`, text: input.text },
          },
        ],
      },
    ],
  };
  return signMetaDelivery(payload, input.secret, sender);
}
