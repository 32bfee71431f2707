/** `npm run migrate`: applies the migrations in migrations/ to DATABASE_URL, or to the embedded database in DATA_DIR. */
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/client.ts';
import { createLogger } from '../core/log.ts';

const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL });
const database = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL, logger } : { dataDir: config.DATA_DIR, logger });
try {
	await database.migrate();
	logger.info({ database: database.kind, location: database.location }, 'Migrations applied');
} finally {
	await database.close();
}
