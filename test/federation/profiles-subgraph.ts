/**
 * A small second subgraph for the federation tests, written by hand with @apollo/subgraph: it extends
 * seedgraph's `Person` (by slug) with a `profile`, and lists editors' picks that reference seedgraph's
 * `Article` by its natural key (source path).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

export const PROFILES_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Person @key(fields: "slug") {
    slug: String!
    profile: Profile
  }

  type Profile {
    bio: String!
    followers: Int!
  }

  type Article @key(fields: "sourcePath", resolvable: false) {
    sourcePath: String!
  }

  type Pick {
    note: String!
    article: Article!
  }

  type Query {
    editorsPicks: [Pick!]!
  }
`;

export interface ProfilesSubgraph {
  url: string;
  /** `_entities` requests this subgraph has answered, with their representation counts. */
  entityBatches: number[];
  close(): Promise<void>;
}

/** Starts the profiles subgraph on a free port, with a bio for each given person slug and picks for the given paths. */
export async function startProfilesSubgraph(bios: Record<string, string>, picks: { note: string; sourcePath: string }[]): Promise<ProfilesSubgraph> {
  const entityBatches: number[] = [];
  const schema = buildSubgraphSchema({
    typeDefs: parse(PROFILES_SDL),
    resolvers: {
      Person: {
        __resolveReference: (ref: { slug: string }) => ({ slug: ref.slug }),
        profile: (p: { slug: string }) => (bios[p.slug] ? { bio: bios[p.slug], followers: p.slug.length * 10 } : null),
      },
      Pick: { article: (pick: { sourcePath: string }) => ({ sourcePath: pick.sourcePath }) },
      Query: { editorsPicks: () => picks },
    },
  });
  const yoga = createYoga({
    schema,
    graphiql: false,
    logging: false,
    plugins: [{
      onExecute({ args }: { args: { variableValues?: unknown } }) {
        const reps = (args.variableValues as { representations?: unknown[] } | undefined)?.representations;
        if (Array.isArray(reps)) entityBatches.push(reps.length);
      },
    }],
  });
  const server: Server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    entityBatches,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
