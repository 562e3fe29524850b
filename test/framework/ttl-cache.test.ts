import { afterEach, describe, expect, it, vi } from 'vitest';
import { TtlCache } from '../../framework/ttl-cache.js';

describe('the TTL cache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('forgets an entry once it is older than its lifetime, and keeps it until then', () => {
    vi.useFakeTimers({ now: 0 });
    const cache = new TtlCache<string>(4, 1000);
    cache.set('a', 'kept');

    vi.setSystemTime(1000);
    expect(cache.get('a')).toBe('kept');
    vi.setSystemTime(1001);
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets the oldest entry when full, counting a rewritten entry as new', () => {
    const cache = new TtlCache<number>(2, 60_000);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);

    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([3, undefined, 4]);
  });

  it('forgets a deleted entry', () => {
    const cache = new TtlCache<boolean>(2, 60_000);
    cache.set('a', true);
    cache.delete('a');

    expect(cache.get('a')).toBeUndefined();
  });
});
