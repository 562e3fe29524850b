import { describe, expect, it } from 'vitest';
import { awsCallError, awsErrorCode, awsFailureReason } from '../../framework/aws-failure.js';
import { AwsCallError } from '../../framework/errors.js';
import { pattern } from '../support/pattern.js';

const sdkError = (
  name: string,
  message: string,
  metadata: { httpStatusCode?: number; attempts?: number },
  code?: string,
) =>
  Object.assign(new Error(message), {
    name,
    $metadata: metadata,
    ...(code === undefined ? {} : { code }),
  });

describe('AWS failures in words', () => {
  it('says AWS returned an error code, with the HTTP status and the attempts', () => {
    const error = sdkError('InvalidPlacementGroup.InUse', 'The placement group is in use', {
      httpStatusCode: 400,
      attempts: 1,
    });

    expect(awsFailureReason(error, 'ec2:DeletePlacementGroup')).toBe(
      'ec2:DeletePlacementGroup failed: AWS returned InvalidPlacementGroup.InUse (HTTP ' +
        '400): The placement group is in use',
    );
    expect(
      awsFailureReason(
        {
          ...error,
          name: 'InternalError',
          message: 'x',
          $metadata: { httpStatusCode: 500, attempts: 3 },
        } as never,
        'ec2:X',
      ),
    ).toBe('ec2:X failed after 3 attempts: AWS returned InternalError (HTTP 500): x');
  });

  it('says no answer came when the connection failed, instead of blaming AWS', () => {
    const reset = sdkError('TimeoutError', 'socket hang up', { attempts: 3 }, 'ECONNRESET');

    expect(awsFailureReason(reset, 'ec2:CreatePlacementGroup')).toBe(
      'ec2:CreatePlacementGroup got no answer from AWS after 3 attempts (ECONNRESET: ' +
        'socket hang up); the network path to the AWS endpoint failed, and retrying the ' +
        'stack operation may succeed',
    );
  });

  it(
    'says the answer could not be read when AWS answered 200 with a body the SDK could not ' +
      'parse',
    () => {
      const malformed = sdkError(
        'Error',
        'Deserialization error: to see the raw response, inspect the hidden field ' +
          '{error}.$response on this object.',
        { httpStatusCode: 200, attempts: 1 },
      );

      expect(awsFailureReason(malformed, 'ec2:DescribeImages')).toMatch(
        pattern(
          /^ec2:DescribeImages: AWS answered HTTP 200, but the answer could not be read:/,
          / Deserialization error/,
        ),
      );
    },
  );

  it('says an aborted call was cut short by time', () => {
    expect(
      awsFailureReason(sdkError('AbortError', 'Request aborted', {}), 'ec2:DescribeImages'),
    ).toBe('ec2:DescribeImages was cut short: the time for this request ran out');
  });

  it(
    'wraps SDK failures as AwsCallError keeping the code and the id left behind, and ' +
      'leaves other values alone',
    () => {
      const wrapped = awsCallError(
        sdkError('UnauthorizedOperation', 'denied', { httpStatusCode: 403 }),
        'ec2:CreateTags',
        { physicalId: 'ami-1' },
      );
      const plain = new TypeError('not AWS');

      expect(wrapped).toBeInstanceOf(AwsCallError);
      expect(wrapped).toMatchObject({
        awsCode: 'UnauthorizedOperation',
        physicalId: 'ami-1',
        reason: 'ec2:CreateTags failed: AWS returned UnauthorizedOperation (HTTP 403): denied',
      });
      expect(awsCallError(plain, 'ec2:X')).toBe(plain);
      expect(awsErrorCode(wrapped)).toBe('UnauthorizedOperation');
      expect(awsErrorCode(plain)).toBeUndefined();
    },
  );
});
