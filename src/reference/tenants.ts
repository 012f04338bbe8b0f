import { createWorld, type World } from './world.js';

/** Valid values of the `x-partifact-tenant` header. */
export const TENANT_NAME_PATTERN = /^[a-z0-9_-]{1,64}$/;

/** Key of the world shared by requests without a tenant header; no valid tenant name is empty. */
export const SHARED_TENANT = '';

export interface TenantStoreOptions {
  /** A world unused for this many milliseconds is dropped and reseeded on next use. */
  idleMs: number;
  /** Most worlds held at once; the least recently used one is dropped first. */
  maxTenants: number;
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number;
}

interface TenantEntry {
  world: World;
  lastUsedMs: number;
}

/**
 * The worlds of all tenants, each created from the seed on first use. The map's insertion order
 * is kept as least-recently-used first, so eviction and the idle sweep look at the oldest first.
 */
export class TenantStore {
  readonly #entries = new Map<string, TenantEntry>();
  readonly #idleMs: number;
  readonly #maxTenants: number;
  readonly #now: () => number;

  constructor(options: TenantStoreOptions) {
    this.#idleMs = options.idleMs;
    this.#maxTenants = Math.max(1, options.maxTenants);
    this.#now = options.now ?? Date.now;
  }

  /** Returns the world of `tenant`, reseeding it when it was idle for too long. */
  world(tenant: string): World {
    const now = this.#now();
    const entry = this.#entries.get(tenant);
    this.#entries.delete(tenant);

    const world =
      entry !== undefined && now - entry.lastUsedMs < this.#idleMs ? entry.world : createWorld();
    this.#entries.set(tenant, { world, lastUsedMs: now });
    this.#evictOverflow();
    return world;
  }

  /** Drops every world idle for `idleMs` or longer; returns how many were dropped. */
  sweep(): number {
    const now = this.#now();
    let dropped = 0;
    for (const [tenant, entry] of this.#entries) {
      if (now - entry.lastUsedMs < this.#idleMs) {
        break;
      }
      this.#entries.delete(tenant);
      dropped += 1;
    }
    return dropped;
  }

  /** Number of worlds held. */
  get size(): number {
    return this.#entries.size;
  }

  #evictOverflow(): void {
    for (const tenant of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxTenants) {
        return;
      }
      this.#entries.delete(tenant);
    }
  }
}
