import { describe, expect, it } from 'vitest';
import { unwrapEvent } from '../../framework/events.js';
import { requestOf } from '../support/events.js';
import { snsEvent } from '../../framework/testing/index.js';

describe('unwrapEvent', () => {
  it('finds a direct request', () => {
    const request = requestOf('create');

    const items = unwrapEvent(request);

    expect(items).toEqual([{ kind: 'request', via: 'direct', request }]);
  });

  it('finds every request of an SNS event, parsed from Sns.Message', () => {
    const first = requestOf('create');
    const second = requestOf('delete');

    const items = unwrapEvent(snsEvent([first, second]));

    expect(items).toEqual([
      { kind: 'request', via: 'sns', request: first },
      { kind: 'request', via: 'sns', request: second },
    ]);
  });

  it('rejects an SNS message that is truncated JSON', () => {
    const text = JSON.stringify(requestOf('create')).slice(0, 80);

    const [item] = unwrapEvent(snsEvent([text]));

    expect(item).toMatchObject({
      kind: 'rejected',
      via: 'sns',
      why: 'the SNS message is not valid JSON',
    });
  });

  it('rejects a request without a ResponseURL, since no answer can be sent', () => {
    const { ResponseURL: _omitted, ...request } = requestOf('create');

    expect(unwrapEvent(request)).toEqual([
      { kind: 'rejected', via: 'direct', why: 'the request has no ResponseURL' },
    ]);
  });

  it.each([
    ['RequestType', { RequestType: 'Destroy' }, 'RequestType must be Create, Update or Delete'],
    ['StackId', { StackId: 42 }, 'StackId must be a non-empty string'],
    [
      'LogicalResourceId',
      { LogicalResourceId: '' },
      'LogicalResourceId must be a non-empty string',
    ],
    ['ResourceProperties', { ResourceProperties: 'x' }, 'ResourceProperties must be an object'],
  ])('marks a request with a bad %s as malformed but answerable', (_field, change, why) => {
    const request = requestOf('create', change);

    const [item] = unwrapEvent(request);

    expect(item).toMatchObject({
      kind: 'malformed',
      why,
      target: { responseUrl: request.ResponseURL },
    });
  });

  it('requires PhysicalResourceId on Delete and OldResourceProperties on Update', () => {
    const [deleteItem] = unwrapEvent(requestOf('delete', { PhysicalResourceId: '' }));
    const [updateItem] = unwrapEvent(requestOf('update', { OldResourceProperties: null }));

    expect(deleteItem).toMatchObject({
      kind: 'malformed',
      why: 'PhysicalResourceId must be a non-empty string',
    });
    expect(updateItem).toMatchObject({
      kind: 'malformed',
      why: 'OldResourceProperties must be an object',
    });
  });

  it('hands SQS records over as continuation messages', () => {
    const event = {
      Records: [
        { eventSource: 'aws:sqs', messageId: 'm-1', body: '{"type":"crkit.continuation"}' },
      ],
    };

    expect(unwrapEvent(event)).toEqual([
      {
        kind: 'continuation',
        via: 'sqs',
        messageId: 'm-1',
        body: '{"type":"crkit.continuation"}',
        source: '',
      },
    ]);
  });

  it.each([
    [null],
    [undefined],
    ['text'],
    [[]],
    [{ hello: 'world' }],
    [{ Records: [] }],
    [{ Records: [{ EventSource: 'aws:s3' }] }],
  ])('rejects an event that is none of these: %j', (event) => {
    const items = unwrapEvent(event);

    expect(items).toHaveLength(1);
    expect(items[0]?.kind).toBe('rejected');
  });
});
