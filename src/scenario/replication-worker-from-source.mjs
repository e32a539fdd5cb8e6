// Entry of the replication worker when msgsim runs from its TypeScript sources (vitest, tsx):
// worker threads do not inherit the parent's TypeScript loader, so register tsx's first.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./replication-worker.ts', import.meta.url).href);
