import { createPubSub, type PubSubEventTarget } from 'graphql-yoga';
import type { Change, ChangeKind } from '../store/model.ts';

/**
 * One article change as it travels on the bus. Plain JSON (no article body) so a Redis bus can carry it
 * between replicas; subscribers resolve `article` from their own store, which has applied the change
 * before the event is published.
 */
export interface ArticleChangeEvent {
  kind: ChangeKind;
  articleId: string;
  sourcePath: string;
  version: number;
  sequence: number;
  /** ISO 8601. */
  changedAt: string;
  /** Person slugs of the article before and after the change, so filters match removals too. */
  personSlugs: string[];
  topicSlugs: string[];
}

type Channels = { articleChanged: [ArticleChangeEvent] };

/** The event bus: publish changes, subscribe to them. In-process by default; Redis drops in as the event target. */
export interface EventBus {
  publish(event: ArticleChangeEvent): void;
  /**
   * False when a publish now would reach no one, so the event need not even be made (a load makes thousands
   * before anyone subscribes). A bus shared between replicas always has someone to tell.
   */
  heard(): boolean;
  /** A stream of every event published after the call; `return()` on it releases the listener. */
  subscribe(): AsyncIterableIterator<ArticleChangeEvent>;
  /** Live listeners: lets tests prove that departed subscribers leave nothing behind. */
  listenerCount(): number;
  close(): Promise<void>;
}

/** Converts a store change into the event it publishes. */
export function toChangeEvent(change: Change): ArticleChangeEvent {
  const sides = [change.previous, change.article].filter((a) => a !== null);
  return {
    kind: change.kind,
    articleId: change.articleId,
    sourcePath: change.sourcePath,
    version: change.version,
    sequence: change.sequence,
    changedAt: change.changedAt.toISOString(),
    personSlugs: [...new Set(sides.flatMap((a) => a.people.map((p) => p.slug)))],
    topicSlugs: [...new Set(sides.flatMap((a) => a.topics.map((t) => t.slug)))],
  };
}

/** An EventTarget that counts its listeners. */
class CountingEventTarget extends EventTarget {
  count = 0;
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    if (args[1]) this.count++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    if (args[1]) this.count--;
    super.removeEventListener(...args);
  }
}

/** Creates the in-process bus (yoga's pub/sub over a local EventTarget). */
export function createLocalEventBus(): EventBus {
  const target = new CountingEventTarget();
  const pubSub = createPubSub<Channels>({ eventTarget: target as unknown as PubSubEventTarget<Channels> });
  const open = new Set<AsyncIterableIterator<ArticleChangeEvent>>();
  return {
    publish: (event) => {
      if (target.count > 0) pubSub.publish('articleChanged', event);
    },
    heard: () => target.count > 0,
    subscribe() {
      const it = pubSub.subscribe('articleChanged');
      open.add(it);
      const release = it.return.bind(it);
      it.return = (value?: unknown) => {
        open.delete(it);
        return release(value as never);
      };
      return it;
    },
    listenerCount: () => target.count,
    async close() {
      await Promise.all([...open].map((it) => it.return?.()));
    },
  };
}
