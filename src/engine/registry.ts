import { quoteValue } from './quote-value.js';

/**
 * A named set of pluggable definitions (distributions, transports, workloads...). Asking for an
 * unknown id fails with the id and the known ones, so a typo in a scenario is easy to fix.
 */
export class Registry<T extends { readonly id: string }> {
  private readonly entries = new Map<string, T>();

  constructor(readonly kind: string) {}

  /** Adds a definition. @throws Error when the id is taken. */
  register(entry: T): this {
    if (this.entries.has(entry.id))
      throw new Error(`${this.kind} ${quoteValue(entry.id)} is already registered`);
    this.entries.set(entry.id, entry);
    return this;
  }

  /** The definition named `id`. @throws Error naming the known ids when there is none. */
  get(id: string): T {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`unknown ${this.kind} ${quoteValue(id)} (known: ${this.ids().join(', ')})`);
    return entry;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Registered ids in registration order. */
  ids(): string[] {
    return [...this.entries.keys()];
  }

  all(): T[] {
    return [...this.entries.values()];
  }
}
