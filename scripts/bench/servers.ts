/**
 * The two loopback servers a bench run talks to, each in its own process so that their work is
 * not counted in the measured one: the ResponseURL stand-in and the AWS stand-in. Each prints
 * one JSON line when ready and stops when its stdin closes.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { CertFiles } from './certs.js';
import type { Stats } from './response-server.js';

/** A running server process. */
type ServerProcess<T> = { readonly info: T; stop(): void };

/** The ResponseURL stand-in. */
type ResponseServer = ServerProcess<{
  readonly httpsOrigin: string;
  readonly httpOrigin: string;
}> & { stats(): Promise<Stats> };

function startProcess<T>(script: string, args: readonly string[]): Promise<ServerProcess<T>> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [script, ...args], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({
        info: JSON.parse(buffered.slice(0, newline)) as T,
        stop: () => child.stdin?.end(),
      });
    };
    child.stdout?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before it was ready`)),
    );
  });
}

/**
 * Starts the ResponseURL stand-in (https and http on 127.0.0.1).
 * @example
 * const server = await startResponseServer(tools, cert);
 */
async function startResponseServer(tools: string, cert: CertFiles): Promise<ResponseServer> {
  const server = await startProcess<ResponseServer['info']>(join(tools, 'response-server.mjs'), [
    cert.cert,
    cert.key,
  ]);
  const stats = async (): Promise<Stats> =>
    (await (await fetch(`${server.info.httpOrigin}/stats`)).json()) as Stats;
  return { ...server, stats };
}

/**
 * Starts the loopback EC2/CloudFormation stand-in.
 * @example
 * const standin = await startStandinServer(tools);
 */
function startStandinServer(tools: string): Promise<ServerProcess<{ readonly url: string }>> {
  return startProcess(join(tools, 'standin-server.mjs'), []);
}

export { startResponseServer, startStandinServer };
export type { ResponseServer, ServerProcess };
