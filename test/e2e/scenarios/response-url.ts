/**
 * ResponseURL scenarios: an endpoint that fails once, refuses (an expired URL), resets the
 * connection, answers slowly, is always unavailable, or cannot be resolved; and URLs that must
 * never be contacted — the instance metadata address, a loopback origin not allowed, plain-http
 * S3, a URL with credentials — or that are missing.
 */
import type { Scenario } from '../support/harness.js';
import type { World } from '../support/matrix.js';
import { unresolvableOrigin } from '../support/matrix.js';
import { startBystander } from '../../../framework/testing/index.js';
import type { ResponseMode } from '../support/requests.js';

const echo = { type: 'Custom::E2eEcho', properties: { Value: 'v' } };

function endpointScenario(
  name: string,
  mode: ResponseMode,
  expect: Parameters<Parameters<Scenario['play']>[0]['send']>[1],
  remainingMs = 15_000,
): Scenario {
  return {
    name,
    play: async (play) => void (await play.send(play.request(echo, mode), expect, { remainingMs })),
  };
}

/**
 * A request whose ResponseURL is replaced by `url`: CloudFormation did send the request, so its
 * view moves as for any request; only the URL was changed on the way to the handler.
 */
function urlScenario(
  name: string,
  url: (requestId: string) => unknown,
  world: () => World,
  check?: (outgoing: number) => string | undefined,
): Scenario {
  return {
    name,
    play: async (play) => {
      const request = play.request(echo);
      request.ResponseURL = url(String(request.RequestId));
      const step = await play.send(request, { status: 'none' });
      play.check(
        world().bystander.connections() === 0,
        'the bystander origin received a connection',
      );
      const problem = check?.(step.run.outgoing.length);
      if (problem !== undefined) play.check(false, problem);
    },
  };
}

const noTraffic = (outgoing: number) =>
  outgoing === 0 ? undefined : `${outgoing} outgoing connections or requests were started`;

function responseUrlScenarios(world: () => World): Scenario[] {
  return [
    endpointScenario('endpoint answers 200', 'ok', { status: 'SUCCESS' }),
    endpointScenario('endpoint answers 500 then 200', 'failOnce', {
      status: 'SUCCESS',
      attempts: 2,
    }),
    endpointScenario('endpoint answers 403 (expired URL)', 'forbidden', {
      status: 'SUCCESS',
      delivered: false,
    }),
    endpointScenario(
      'endpoint resets every connection',
      'reset',
      { status: 'SUCCESS', delivered: false, attempts: { min: 2, max: 8 } },
      2500,
    ),
    endpointScenario(
      'endpoint answers 503 every time',
      'unavailable',
      { status: 'SUCCESS', delivered: false, attempts: { min: 2, max: 8 } },
      2500,
    ),
    endpointScenario('endpoint answers after 1.2 s', 'slow', { status: 'SUCCESS' }),
    endpointScenario(
      'endpoint is slower than the time left',
      'slow',
      { status: 'SUCCESS', delivered: false, attempts: 1 },
      1000,
    ),
    {
      name: 'ResponseURL host does not resolve',
      play: async (play) => {
        const request = play.request(echo);
        request.ResponseURL =
          `${unresolvableOrigin}/ok/${String(request.RequestId)}` +
          `?X-Amz-Signature=${play.canaries.secrets[1]}`;
        await play.send(
          request,
          { status: 'SUCCESS', reachable: false, attempts: { min: 1, max: 8 } },
          { remainingMs: 2000 },
        );
      },
    },
    urlScenario(
      'ResponseURL is the instance metadata address',
      (id) =>
        `http://169.254.169.254/latest/meta-data/iam/security-credentials/${id}?X-Amz-Signature=x`,
      world,
      noTraffic,
    ),
    {
      name: 'ResponseURL is a loopback origin not allowed',
      play: async (play) => {
        const forbidden = await startBystander();
        try {
          const request = play.request(echo);
          request.ResponseURL =
            `${forbidden.origin}/ok/${String(request.RequestId)}` +
            `?X-Amz-Signature=${play.canaries.secrets[1]}`;
          const step = await play.send(request, { status: 'none' });
          play.check(
            forbidden.connections() === 0,
            `the origin that is not allowed received ${forbidden.connections()} connection(s)`,
          );
          play.check(step.run.outgoing.length === 0, 'outgoing traffic was started');
        } finally {
          await forbidden.close();
        }
      },
    },
    urlScenario(
      'ResponseURL is plain-http S3',
      (id) =>
        'http://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/' +
        `${id}?X-Amz-Signature=x`,
      world,
      noTraffic,
    ),
    urlScenario(
      'ResponseURL carries user credentials',
      (id) => `${world().endpoint.origin.replace('http://', 'http://user:pass@')}/ok/${id}`,
      world,
      noTraffic,
    ),
    urlScenario('ResponseURL is missing', () => undefined, world, noTraffic),
    urlScenario('ResponseURL is a number', () => 8080, world, noTraffic),
    urlScenario('ResponseURL is not a URL', () => 'not a url at all', world, noTraffic),
  ];
}

export { responseUrlScenarios };
