// The platform ids a connection row holds; each channel reads the ones it needs.
export type ChannelAccount = {
  phone_number_id: string | null;
  business_account_id: string | null;
  display_phone_number: string | null;
  page_id: string | null;
  instagram_account_id: string | null;
  tiktok_business_id: string | null;
  /** The address mail arrives at and replies go from (email; lowercase). */
  email_address?: string | null;
};
