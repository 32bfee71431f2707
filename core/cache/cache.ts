import { pino } from 'pino';
import { MemoryCache } from './memory.ts';
import type { Cache, CacheLogger } from './interface.ts';
import { connectRedisCache } from './redis.ts';

export type { Cache, CacheLogger, MessageHandler } from './interface.ts';

export interface CreateCacheOptions {
	/** Redis URL (usually REDIS_URL). Without it the cache lives in this process only. */
	url?: string;
	/** Prepended to every Redis key and channel so deployments sharing one Redis stay apart. */
	keyPrefix?: string;
	logger?: CacheLogger;
}

const DEFAULT_KEY_PREFIX = 'monster:';

export async function createCache(options: CreateCacheOptions = {}): Promise<Cache> {
	const logger = options.logger ?? pino({ name: 'cache' });
	if (options.url === undefined || options.url === '') {
		logger.info({ backend: 'memory' }, 'cache: using in-process backend (REDIS_URL not set)');
		return new MemoryCache(logger);
	}
	return connectRedisCache({ url: options.url, keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX, logger });
}
