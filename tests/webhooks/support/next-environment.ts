// What `next start` sets up before loading any route: Next.js keeps its request scope (the
// one after() needs) in globalThis.AsyncLocalStorage. Import this before any next/* module.
import 'next/dist/server/node-environment-baseline';
