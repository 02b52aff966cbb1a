import { z } from 'zod';
import { type Channel, channelSchema } from '@/src/channels/channel-registry';

// Which simulated customer the page shows: a channel and that customer's id on the platform.
const defaultCustomerIds: Record<Channel, string> = {
  whatsapp: '5215511112222',
  facebook: '9000000000000002',
  instagram: '9100000000000002',
  tiktok: '7400000000000000002',
  twilio: '5215511113333',
  email: 'cliente.prueba@example.com',
};

export const simulatorParamsSchema = z
  .object({
    channel: channelSchema.catch('whatsapp'),
    from: z
      .string()
      .regex(/^[A-Za-z0-9._:@+-]{1,128}$/)
      .optional()
      .catch(undefined),
  })
  .transform((value) => ({ channel: value.channel, from: value.from ?? defaultCustomerIds[value.channel] }));
