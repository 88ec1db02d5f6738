import { serverAudits, type Audit, type AuditRequirement, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

/**
 * GraphQL over HTTP conformance: graphql-http's server audit suite run against the live app (every production
 * plugin: readiness, inline trace, graphql-sse) on its real URL. One test per audit, so a failure names it.
 */

let t: TestApp | undefined;
beforeAll(async () => {
  t = await startTestApp({ 'harbour.txt': 'Harbour plan approved\n\nThe council said on Monday that the plan would go ahead.\n' });
});
afterAll(async () => {
  printTally();
  await t?.close();
  t = undefined;
});

// The URL is only known once the app listens: graphql-http accepts a function, called by each audit when it runs.
const audits: Audit[] = serverAudits({
  url: () => {
    if (!t) throw new Error('the app is not started');
    return t.url;
  },
  fetchFn: fetch,
});

const LEVELS: AuditRequirement[] = ['MUST', 'SHOULD', 'MAY'];
const levelOf = (audit: Pick<Audit, 'name'>): AuditRequirement => {
  const level = LEVELS.find((l) => audit.name.startsWith(`${l} `));
  if (!level) throw new Error(`audit name without a requirement level: ${audit.name}`);
  return level;
};

/** What each audit returned, for the tally printed at the end. */
const results = new Map<string, AuditResult>();

function printTally(): void {
  if (!results.size) return;
  const rows = LEVELS.map((level) => {
    const mine = [...results.values()].filter((r) => levelOf(r) === level);
    const count = (status: AuditResult['status']) => mine.filter((r) => r.status === status).length;
    return `${level}: ${mine.length} run, ${count('ok')} ok, ${count('warn')} warn, ${count('notice')} notice, ${count('error')} error`;
  });
  console.log(`graphql-http ${results.size} audits against the live app\n  ${rows.join('\n  ')}`);
}

/** A failure message naming the audit, its reason and what the server answered. */
async function describeFailure(result: Exclude<AuditResult, { status: 'ok' }>): Promise<string> {
  const res = result.response;
  let body = '';
  try {
    body = res.bodyUsed ? '(body already read by the audit)' : (await res.text()).slice(0, 500);
  } catch (err) {
    body = `(unreadable body: ${String(err)})`;
  }
  const contentType = res.headers.get('content-type') ?? '(none)';
  return `${result.status} [${result.id}] ${result.name}\n  reason: ${result.reason}\n  response: ${res.status} ${contentType}\n  ${body}`;
}

describe('GraphQL over HTTP audits (graphql-http)', () => {
  it('should hold the expected audits: 61 in all, 13 MUST, 23 SHOULD, 25 MAY', () => {
    const counts = Object.fromEntries(LEVELS.map((level) => [level, audits.filter((a) => levelOf(a) === level).length]));
    console.log(`graphql-http server audits: ${audits.length} in all, ${counts.MUST} MUST, ${counts.SHOULD} SHOULD, ${counts.MAY} MAY`);
    expect(audits).toHaveLength(61);
    expect(counts).toEqual({ MUST: 13, SHOULD: 23, MAY: 25 });
    expect(new Set(audits.map((a) => a.id)).size).toBe(audits.length);
  });

  // A loop rather than it.each: it.each quotes and truncates interpolated titles, and the full audit name is the point.
  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      results.set(audit.id, result);
      if (result.status !== 'ok') expect.fail(await describeFailure(result));
      expect(result).toEqual({ id: audit.id, name: audit.name, status: 'ok' });
    });
  }
});
