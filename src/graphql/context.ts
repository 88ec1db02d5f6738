import type { EventBus } from '../server/events.ts';
import type { SeedStore } from '../store/seed-store.ts';

/** Progress of the initial load, served on `seedStore` while the server already answers. */
export interface LoadStatus {
  /** Absolute path of the seed folder. */
  root: string;
  phase: 'LOADING' | 'READY';
  filesTotal: number;
  filesDone: number;
  startedAt: Date;
  readyAt: Date | null;
}

/** What every resolver gets: the store, the bus, and the load status. Built once per app, shared by requests. */
export interface Context {
  store: SeedStore;
  bus: EventBus;
  status: LoadStatus;
}

/** The per-app parts from which yoga and graphql-ws build each request's context. */
export type ServerContext = Context;

/** Builds the context value for one operation (the store and bus are shared; nothing is per request yet). */
export function createContext(app: ServerContext): Context {
  return { store: app.store, bus: app.bus, status: app.status };
}
