/**
 * A small, bounded memory for the life of a warm container: an entry is forgotten once it is
 * older than the lifetime, and the oldest entry goes first when the memory is full.
 */

/**
 * A map whose entries expire and whose size is bounded.
 * @internal
 */
class TtlCache<V> {
  readonly #entries = new Map<string, { readonly at: number; readonly value: V }>();
  readonly #capacity: number;
  readonly #lifetimeMs: number;

  constructor(capacity: number, lifetimeMs: number) {
    this.#capacity = capacity;
    this.#lifetimeMs = lifetimeMs;
  }

  /** The value kept for `key`, unless it is missing or expired. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (Date.now() - entry.at > this.#lifetimeMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` for `key` from now on, forgetting the oldest entry when full. */
  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { at: Date.now(), value });
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** Forgets `key`. */
  delete(key: string): void {
    this.#entries.delete(key);
  }
}

export { TtlCache };
