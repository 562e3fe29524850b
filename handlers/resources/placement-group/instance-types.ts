/**
 * The InstanceTypes check: each type must support the group's strategy, as
 * DescribeInstanceTypes reports in `PlacementGroupInfo.SupportedStrategies` (the API has no
 * filter for it, so the types are fetched by name and checked here).
 */
import type { InstanceTypeInfo, _InstanceType } from '@aws-sdk/client-ec2';
import { AwsCallError } from '../../../framework/index.js';
import { callEc2 } from '../ec2-call.js';
import type { StepContext } from './pacing.js';
import type { Strategy } from './schema.js';

async function describeTypes(
  context: StepContext,
  types: readonly string[],
): Promise<InstanceTypeInfo[]> {
  const found: InstanceTypeInfo[] = [];
  let token: string | undefined;
  do {
    const answer = await callEc2(context, 'DescribeInstanceTypes', ({ client, sdk }) =>
      client.send(
        new sdk.DescribeInstanceTypesCommand({
          InstanceTypes: types as _InstanceType[],
          NextToken: token,
        }),
        { abortSignal: context.signal },
      ),
    );
    found.push(...(answer.InstanceTypes ?? []));
    token = answer.NextToken;
  } while (token !== undefined && token !== '');
  return found;
}

function unsupported(
  found: readonly InstanceTypeInfo[],
  types: readonly string[],
  strategy: Strategy,
): string | undefined {
  const problems: string[] = [];
  for (const type of types) {
    const info = found.find((item) => item.InstanceType === type);
    if (info === undefined) {
      problems.push(
        `${type} is not offered in this Region (DescribeInstanceTypes did not return it)`,
      );
      continue;
    }
    const strategies = info.PlacementGroupInfo?.SupportedStrategies ?? [];
    if (!strategies.includes(strategy)) {
      const listed =
        strategies.length === 0 ? 'no placement strategy at all' : `only ${strategies.join(', ')}`;
      problems.push(
        `${type} does not support ${strategy} placement groups (it supports ${listed})`,
      );
    }
  }
  return problems.length === 0
    ? undefined
    : `InstanceTypes: ${problems.join('; ')}. Choose types that support ${strategy}, or ` +
        `another Strategy`;
}

/**
 * The reason the types cannot go in a `strategy` group, or undefined when they all can.
 * @example
 * const problem = await instanceTypesProblem(context, ['t3.micro'], 'cluster');
 */
async function instanceTypesProblem(
  context: StepContext,
  types: readonly string[] | undefined,
  strategy: Strategy,
): Promise<string | undefined> {
  if (types === undefined || types.length === 0) return undefined;
  const unique = [...new Set(types)];
  try {
    return unsupported(await describeTypes(context, unique), unique, strategy);
  } catch (error) {
    if (error instanceof AwsCallError && error.awsCode === 'InvalidInstanceType') {
      const detail = error.reason.slice(error.reason.indexOf(': AWS returned') + 2);
      return (
        `InstanceTypes: EC2 does not know one of ${unique.join(', ')} in this Region ` +
        `(${detail}). Check the spelling, or pick types offered here`
      );
    }
    throw error;
  }
}

export { instanceTypesProblem };
