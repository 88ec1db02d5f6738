import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no `exports` map: Node loads index.js (what graphql-yoga and Pothos get) while Vite would pick
    // index.mjs for our sources, giving two graphql instances (instanceof GraphQLError fails, schemas "from another realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Tests start real servers and watchers; two workers match the 2-core CI machine.
    maxWorkers: 2,
  },
});
