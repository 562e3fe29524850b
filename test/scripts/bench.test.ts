/**
 * The benchmark runs end to end with tiny counts, and its runner refuses a handler whose answer
 * is wrong. Speed is measured by `npm run bench`, never asserted here.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaEnv } from '../../scripts/bench/lambda-env.js';
import { runRunner } from '../../scripts/bench/measure.js';
import { scenarios } from '../../scripts/bench/scenarios.js';
import { startResponseServer } from '../../scripts/bench/servers.js';
import { formatSummary, summarise } from '../../scripts/bench/stats.js';

const run = promisify(execFile);
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');

type ScenarioJson = {
  scenario: { id: string };
  cold: { subject: { result: { events: number } } }[];
  warm: { subject: { tlsConnections: number; result: { events: number } } }[];
};
type BenchJson = { runs: { version: string; results: ScenarioJson[] }[] };

describe('npm run bench', () => {
  let out = '';
  let stdout = '';

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'crkit-bench-'));
    const args = [
      'scripts/bench/main.ts',
      '--only',
      'a',
      '--cold-runs',
      '1',
      '--warm-runs',
      '1',
      '--events',
      '3',
      '--out',
      out,
    ];
    ({ stdout } = await run(tsx, args, { timeout: 60_000 }));
  }, 60_000);

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('prints cold, warm, size and target tables for the no-op framework and its floor', () => {
    expect(stdout).toContain('### (a) framework');
    expect(stdout).toMatch(/\| crkit no-op \| \d+ \(\d+–\d+\) \| \d\.\d\d/);
    expect(stdout).toMatch(/\| floor \| \d+/);
    expect(stdout).toContain('| (a) warm | ≤ floor + 150 µs/event |');
  });

  it(
    "measures on Lambda's Node 24 and on this node in one run, with their targets side by " +
      'side',
    async () => {
      const json = JSON.parse(await readFile(join(out, 'latest.json'), 'utf8')) as BenchJson;
      expect(json.runs.map((item) => item.version)).toEqual([
        expect.stringMatching(/^v24\./),
        process.version,
      ]);
      expect(stdout).toContain(`## Node ${process.version}`);
      expect(stdout).toMatch(
        /## Targets on each node\n\n\| target \| limit \| Node v24\.[\d.]+ \| Node v20\.[\d.]+ \|/,
      );
      expect(stdout).toMatch(/\| \(a\) warm \| ≤ floor \+ 150 µs\/event \| \+-?\d+ µs/);
    },
  );

  it('records every request answered, over one kept-alive TLS connection', async () => {
    const json = JSON.parse(await readFile(join(out, 'latest.json'), 'utf8')) as BenchJson;
    const [a] = json.runs[1]?.results ?? [];
    expect(a?.scenario.id).toBe('a');
    expect(a?.cold[0]?.subject.result.events).toBe(1);
    expect(a?.warm[0]?.subject.result.events).toBe(3);
    expect(a?.warm[0]?.subject.tlsConnections).toBe(1);
  });

  it('fails a run whose handler answers FAILED', async () => {
    const server = await startResponseServer(join(out, 'tools'), {
      cert: join(out, 'cert.pem'),
      key: join(out, 'key.pem'),
    });
    try {
      const handler = join(out, 'failing.mjs');
      await writeFile(
        handler,
        `import https from 'node:https';
export const handler = (event) => new Promise((resolve) => {
  const body = JSON.stringify({ Status: 'FAILED', Reason: 'broken on purpose', ` +
          `PhysicalResourceId: 'x', StackId: event.StackId, RequestId: event.RequestId, ` +
          `LogicalResourceId: event.LogicalResourceId });
  const put = https.request(event.ResponseURL, ` +
          `{ method: 'PUT', headers: { 'content-length': Buffer.byteLength(body) } }, ` +
          `(r) => { r.resume(); r.on('end', resolve); });
  put.end(body);
});\n`,
      );
      const { a } = scenarios;
      const config = {
        module: handler,
        mode: 'cold',
        events: 1,
        sns: false,
        resourceType: a.resourceType,
        properties: a.properties,
        updateProperties: a.updateProperties,
        responseOrigin: server.info.httpsOrigin,
        serverOrigin: server.info.httpOrigin,
        standinOrigin: undefined,
      } as const;
      const env = lambdaEnv({
        caCert: join(out, 'cert.pem'),
        responseOrigin: server.info.httpsOrigin,
        awsEndpoint: server.info.httpOrigin,
      });
      await expect(runRunner(join(out, 'tools', 'runner.mjs'), config, env)).rejects.toThrow(
        /Status FAILED: broken on purpose/,
      );
    } finally {
      server.stop();
    }
  });
});

describe('summarise', () => {
  it('gives the median of an even sample as the mean of the middle two, with the range', () => {
    expect(formatSummary(summarise([4, 1, 3, 2]), 1)).toBe('2.5 (1.0–4.0)');
  });
});
