// supabase-js builds a Realtime client eagerly and on Node 20 (no global WebSocket) throws
// unless given a transport. Server code never subscribes; this transport refuses to be used.
export class NoRealtimeOnServer {
  constructor() {
    throw new Error('Realtime is not used by the server');
  }
}
