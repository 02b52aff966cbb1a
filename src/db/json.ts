// Any value JSON can carry, as jsonb results arrive through both ports.
// Object members may be undefined so types with optional fields fit; JSON drops them.
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** A jsonb argument: both ports serialise any object with JSON.stringify (pg-rpc.ts's safeJson). */
export type JsonArgument = Json | object;
