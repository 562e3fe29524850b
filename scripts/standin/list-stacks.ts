/**
 * ListStacks: a summary of every stack the stand-in knows, deleted ones included (as
 * CloudFormation lists them for 90 days), optionally filtered by status, 100 a page.
 */
import { ApiError } from './errors.js';
import { listParam } from './query.js';
import type { Params } from './query.js';
import type { StackRecord } from './stacks.js';
import type { World } from './world.js';
import { el, field, join, list } from './xml.js';
import type { Xml } from './xml.js';

const PAGE_SIZE = 100;

const tokenFor = (offset: number): string =>
  Buffer.from(JSON.stringify({ offset })).toString('base64url');

const offsetFrom = (token: string | undefined): number => {
  if (token === undefined || token === '') return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      offset?: unknown;
    };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // an unreadable token is answered below
  }
  throw new ApiError('ValidationError', 'Invalid NextToken');
};

const summaryXml = (stack: StackRecord): Xml[] => [
  el('StackId', stack.stackId),
  el('StackName', stack.stackName),
  el('CreationTime', stack.creationTime.toISOString()),
  el('StackStatus', stack.status),
  field('StackStatusReason', stack.statusReason),
];

/** ListStacks with `StackStatusFilter.member.N` and `NextToken`. */
const listStacks = (world: World, params: Params): Xml => {
  const statuses = listParam(params, 'StackStatusFilter.member');
  const stacks = world.stacks
    .all()
    .filter((stack) => statuses.length === 0 || statuses.includes(stack.status));
  const offset = offsetFrom(params.NextToken);
  const page = stacks.slice(offset, offset + PAGE_SIZE);
  const next = offset + PAGE_SIZE < stacks.length ? tokenFor(offset + PAGE_SIZE) : undefined;
  return join(list('StackSummaries', page, summaryXml, 'member'), field('NextToken', next));
};

export { listStacks };
