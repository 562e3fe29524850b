/**
 * The example of docs/testing.md, compiled and run: keep the two in step (only the import paths
 * differ, as this repository does not import its own package by name).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHandler, defineResource, succeeded, z } from '../../framework/index.js';
import {
  cloudFormationRequest,
  lambdaContext,
  snsEvent,
  startResponseServer,
} from '../../framework/testing/index.js';
import type { ResponseServer } from '../../framework/testing/index.js';

const greeting = defineResource({
  type: 'Custom::Greeting',
  properties: z.strictObject({ Name: z.string() }),
  replaceOn: ['Name'],
  attributes: ['Text'],
  iamStatements: [],
  create: async ({ properties }) =>
    succeeded(`greeting-${properties.Name}`, { Text: `hi ${properties.Name}` }),
  update: async ({ physicalId, properties }) =>
    succeeded(physicalId, { Text: `hi ${properties.Name}` }),
  delete: async ({ physicalId }) => succeeded(physicalId),
});

let server: ResponseServer;
beforeAll(async () => {
  server = await startResponseServer({ checkSignature: true });
});
afterAll(async () => {
  await server.close();
});

it('answers a Create of Custom::Greeting sent by SNS on its pre-signed ResponseURL', async () => {
  const handler = createHandler({
    resources: [greeting],
    responseOrigins: [server.origin],
    logSink: () => undefined,
  });
  const request = cloudFormationRequest({
    resourceType: 'Custom::Greeting',
    properties: { Name: 'Ada' },
    responseUrl: server.urlFor,
  });

  await handler(snsEvent([request]), lambdaContext({ remainingMs: 10_000 }));

  const [answer] = server.receivedFor(request.RequestId);
  expect(answer?.status).toBe(200);
  expect(JSON.parse(answer?.text ?? '{}')).toMatchObject({
    Status: 'SUCCESS',
    PhysicalResourceId: 'greeting-Ada',
    Data: { Text: 'hi Ada' },
  });
});
