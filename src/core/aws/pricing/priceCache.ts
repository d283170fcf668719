// Prices kept on disk, one file per region, for a week (prices change rarely): the next window,
// and the next refresh, price what is in view without asking AWS again. Written atomically.
import * as fs from 'fs/promises';
import * as path from 'path';
import { type Price, type PriceKey } from './pricing';

export const PRICE_CACHE_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** A price as fetched (null: AWS has no such product in the region), and when. */
export interface CachedPrice {
  readonly price: Price | null;
  readonly fetchedAt: number;
}

export type RegionPrices = Partial<Record<PriceKey, CachedPrice>>;

interface CacheFile {
  readonly version: 1;
  readonly prices: RegionPrices;
}

export class PriceCache {
  constructor(
    /** The folder of this endpoint's price files. */
    readonly dir: string,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = PRICE_CACHE_MAX_AGE_MS,
  ) {}

  /** The region's prices younger than a week; none when the file is missing or unreadable. */
  async read(region: string): Promise<RegionPrices> {
    let file: CacheFile;
    try {
      file = JSON.parse(await fs.readFile(this.file(region), 'utf8')) as CacheFile;
    } catch {
      return {};
    }
    if (file?.version !== 1 || typeof file.prices !== 'object' || file.prices === null) {
      return {};
    }
    const fresh: RegionPrices = {};
    for (const [key, entry] of Object.entries(file.prices) as Array<[PriceKey, CachedPrice]>) {
      if (this.isFresh(entry)) {
        fresh[key] = entry;
      }
    }
    return fresh;
  }

  isFresh(entry: CachedPrice | undefined): boolean {
    const age = entry && typeof entry.fetchedAt === 'number' ? this.now() - entry.fetchedAt : Infinity;
    return age >= 0 && age < this.maxAgeMs;
  }

  async write(region: string, prices: RegionPrices): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const data: CacheFile = { version: 1, prices };
    await (await import('write-file-atomic')).default(this.file(region), `${JSON.stringify(data, null, 1)}\n`, { mode: 0o600 });
  }

  private file(region: string): string {
    if (!/^[a-z0-9-]+$/.test(region)) {
      throw new Error(`not a region name: ${region}`);
    }
    return path.join(this.dir, `${region}.json`);
  }
}
