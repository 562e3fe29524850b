import { describe, expect, it } from 'vitest';
import {
  describeOwner,
  isOwnedBy,
  isReservedTagKey,
  mergeTags,
  ownershipTags,
} from '../../../handlers/resources/ownership.js';

const owner = {
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/web/1a2b',
  logicalResourceId: 'Cluster',
};

describe('ownership tags', () => {
  it('names the request stack id and logical id verbatim', () => {
    expect(ownershipTags(owner)).toEqual([
      { Key: 'crkit:stack-id', Value: owner.stackId },
      { Key: 'crkit:logical-id', Value: 'Cluster' },
    ]);
  });

  it('recognises a resource only when both tags carry this request values', () => {
    expect(isOwnedBy(ownershipTags(owner), owner)).toBe(true);
    expect(isOwnedBy([{ Key: 'crkit:stack-id', Value: owner.stackId }], owner)).toBe(false);
    expect(isOwnedBy(ownershipTags({ ...owner, logicalResourceId: 'Other' }), owner)).toBe(false);
    expect(isOwnedBy(undefined, owner)).toBe(false);
  });

  it('describes the owner named by the tags, or their absence', () => {
    expect(describeOwner(ownershipTags({ ...owner, logicalResourceId: 'Other' }))).toBe(
      `resource Other of stack ${owner.stackId}`,
    );
    expect(describeOwner([{ Key: 'team', Value: 'hpc' }])).toContain(
      'no crkit:stack-id / crkit:logical-id tags',
    );
  });

  it('treats aws: keys in any case and the ownership keys as reserved', () => {
    expect(['aws:x', 'AWS:x', 'crkit:stack-id', 'crkit:logical-id'].map(isReservedTagKey)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(isReservedTagKey('team')).toBe(false);
  });
});

describe('mergeTags', () => {
  it(
    'puts ownership first, then author tags, then stack tags, each key once and no ' +
      'reserved key',
    () => {
      const merged = mergeTags({
        owner,
        author: [
          { Key: 'team', Value: 'hpc' },
          { Key: 'crkit:stack-id', Value: 'forged' },
        ],
        stack: [
          { Key: 'team', Value: 'stack' },
          { Key: 'cost-center', Value: '42' },
          { Key: 'aws:cloudformation:stack-name', Value: 'web' },
        ],
      });
      expect(merged).toEqual({
        tags: [
          ...ownershipTags(owner),
          { Key: 'team', Value: 'hpc' },
          { Key: 'cost-center', Value: '42' },
        ],
        dropped: [],
      });
    },
  );

  it('drops and names the stack tags that do not fit the limit', () => {
    const stack = Array.from({ length: 3 }, (_, index) => ({ Key: `s${index}`, Value: 'v' }));
    const merged = mergeTags({ owner, author: [{ Key: 'a', Value: 'b' }], stack, limit: 4 });
    expect(merged.tags.map((tag) => tag.Key)).toEqual([
      'crkit:stack-id',
      'crkit:logical-id',
      'a',
      's0',
    ]);
    expect(merged.dropped).toEqual(['s1', 's2']);
  });
});
