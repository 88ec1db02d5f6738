/**
 * Throughput client for requests that must all differ (its own process): autocannon's API, each request's
 * body built afresh with a new value of an undeclared variable, so no response cache can answer it.
 * `distinct URL SECONDS BODY` prints autocannon's result as JSON. (The CLI's `-I` replaces text in the body
 * without fixing its content-length, so servers wait for bytes that never come.)
 */
import autocannon from 'autocannon';

const [url, seconds, body] = process.argv.slice(2) as [string, string, string];
const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
let n = 0;
const result = await autocannon({
  url,
  connections: 50,
  duration: Number(seconds),
  requests: [{
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ query, variables: { ...variables, nonce: `n${n++}` } }) }),
  }],
});
process.stdout.write(JSON.stringify(result));
