/**
 * Subscription fan-out: clients that subscribe with the same document, operation and variables share one
 * execution. The first such client starts it; each result is computed once and handed to every client of
 * the group; the last client to leave stops it. 5,000 dashboards on `articleChanged` then cost one
 * execution per event, not 5,000. Sound here because no result depends on who asked (there is no
 * per-user data); a schema with per-user fields would have to put the user into the key.
 */
import type { ExecutionResult } from 'graphql';

type Result = ExecutionResult;

interface Member {
  queue: Result[];
  wake: (() => void) | null;
  done: boolean;
}

interface Group {
  members: Set<Member>;
  source: AsyncIterator<Result> | null;
  stopped: boolean;
}

export interface SharedSubscriptions {
  /**
   * The stream for one client. `start` runs the real subscription; it is called for the first client of
   * `key` only. A start that yields a single result (an error) is returned to that client as is.
   */
  subscribe(key: string, start: () => Promise<AsyncIterable<Result> | Result> | AsyncIterable<Result> | Result): Promise<AsyncIterable<Result> | Result>;
  /** Running shared executions (distinct keys with clients). */
  groupCount(): number;
  /** Client subscriptions across all executions. */
  memberCount(): number;
}

const isAsyncIterable = (x: unknown): x is AsyncIterable<Result> => typeof x === 'object' && x !== null && Symbol.asyncIterator in x;

/** Creates the registry of shared executions. */
export function createSharedSubscriptions(): SharedSubscriptions {
  const groups = new Map<string, Group>();

  const leave = (key: string, group: Group, member: Member): void => {
    member.done = true;
    member.wake?.();
    group.members.delete(member);
    if (group.members.size === 0 && groups.get(key) === group) {
      groups.delete(key);
      group.stopped = true;
      void group.source?.return?.();
    }
  };

  const pump = async (key: string, group: Group): Promise<void> => {
    const source = group.source!;
    try {
      for (;;) {
        const { value, done } = await source.next();
        if (done || group.stopped) break;
        for (const m of group.members) {
          m.queue.push(value);
          m.wake?.();
        }
      }
    } catch (err) {
      const error: Result = { errors: [{ message: 'Unexpected error.' } as never] };
      for (const m of group.members) { m.queue.push(error); m.wake?.(); }
      void err;
    } finally {
      if (groups.get(key) === group) groups.delete(key);
      for (const m of group.members) { m.done = true; m.wake?.(); }
    }
  };

  /** One client's view: an async generator-like object (graphql-ws calls `return()` on it to end it). */
  const stream = (key: string, group: Group, member: Member): AsyncGenerator<Result> => {
    const it: AsyncGenerator<Result> = {
      async next(): Promise<IteratorResult<Result>> {
        for (;;) {
          const value = member.queue.shift();
          if (value !== undefined) return { value, done: false };
          if (member.done) return { value: undefined, done: true };
          await new Promise<void>((resolve) => { member.wake = resolve; });
          member.wake = null;
        }
      },
      async return(): Promise<IteratorResult<Result>> {
        leave(key, group, member);
        return { value: undefined, done: true };
      },
      async throw(err: unknown): Promise<IteratorResult<Result>> {
        leave(key, group, member);
        throw err;
      },
      [Symbol.asyncIterator]() {
        return it;
      },
    };
    return it;
  };

  return {
    async subscribe(key, start) {
      let group = groups.get(key);
      if (!group) {
        const started = await start();
        if (!isAsyncIterable(started)) return started;
        // Another client of the same key may have started meanwhile; it is fine to run both (rare, correct).
        group = { members: new Set(), source: started[Symbol.asyncIterator](), stopped: false };
        groups.set(key, group);
        const member: Member = { queue: [], wake: null, done: false };
        group.members.add(member);
        void pump(key, group);
        return stream(key, group, member);
      }
      const member: Member = { queue: [], wake: null, done: false };
      group.members.add(member);
      return stream(key, group, member);
    },
    groupCount: () => groups.size,
    memberCount: () => [...groups.values()].reduce((n, g) => n + g.members.size, 0),
  };
}
