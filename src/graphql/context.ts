import DataLoader from 'dataloader';
import type { PersonEntry, StoredArticle, TopicEntry } from '../store/model.ts';
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

/**
 * Per-operation batch loaders: a gateway's `_entities` call with 100 representations of a type costs one
 * store lookup for that type, not 100.
 */
export interface Loaders {
  article: DataLoader<string, StoredArticle | null>;
  person: DataLoader<string, PersonEntry | null>;
  topic: DataLoader<string, TopicEntry | null>;
}

/** What every resolver gets: the store, the bus, the load status, and this operation's loaders. */
export interface Context {
  store: SeedStore;
  bus: EventBus;
  status: LoadStatus;
  loaders: Loaders;
}

/** The per-app parts from which yoga and graphql-ws build each request's context. */
export type ServerContext = Omit<Context, 'loaders'>;

/**
 * Builds the context value for one operation: the shared store and bus, and fresh loaders (a cache per
 * operation), each made when a resolver first asks for it: most operations never batch anything.
 */
export function createContext(app: ServerContext): Context {
  const { store } = app;
  let article: Loaders['article'] | undefined;
  let person: Loaders['person'] | undefined;
  let topic: Loaders['topic'] | undefined;
  return {
    store: app.store,
    bus: app.bus,
    status: app.status,
    loaders: {
      get article() { return (article ??= new DataLoader(async (ids) => store.getMany(ids))); },
      get person() { return (person ??= new DataLoader(async (slugs) => store.getPeople(slugs))); },
      get topic() { return (topic ??= new DataLoader(async (slugs) => store.getTopics(slugs))); },
    },
  };
}
