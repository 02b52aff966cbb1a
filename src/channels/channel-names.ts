import { z } from 'zod';

export const channelNames = ['whatsapp', 'instagram', 'facebook', 'tiktok'] as const;
export const channelSchema = z.enum(channelNames);
export type Channel = z.infer<typeof channelSchema>;
