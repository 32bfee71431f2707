/**
 * Checks an env file as the bot and docker-compose.yml will read it: the bot's own zod schema
 * (core/config.ts) plus what the compose file needs for a deployment on Discord. Used by
 * scripts/deploy.sh; prints one line per problem and exits 1, or prints nothing and exits 0.
 *   node --import ./core/runtime/typescript.mjs scripts/check-env.ts [.env]
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../core/config.ts';

const file = process.argv[2] ?? '.env';

/** What docker-compose.yml reads from .env besides the bot's variables. */
const deploySchema = z.object({
	DISCORD_TOKEN: z.string({ error: 'required: the bot token from the Discord developer portal' }).min(1),
	DISCORD_GUILD_IDS: z.string({ error: 'required: the id of your Discord server' }).min(1),
	POSTGRES_PASSWORD: z
		.string({ error: 'required: the database password (openssl rand -hex 24)' })
		.regex(/^[A-Za-z0-9]{12,}$/, 'letters and digits only, 12 or more (it goes into a URL)')
});

let text: string;
try {
	text = readFileSync(file, 'utf8');
} catch {
	console.log(`${file}: not found (cp .env.example .env, then fill it in)`);
	process.exit(1);
}
const env = Object.fromEntries(Object.entries(parseEnv(text)).filter(([, value]) => value !== ''));
const problems: string[] = [];
const deploy = deploySchema.safeParse(env);
if (!deploy.success) for (const issue of deploy.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
try {
	// docker-compose.yml sets these for the bot: check the rest of .env as the bot will see it.
	loadConfig({ ...env, DATABASE_URL: 'postgres://monster:password@postgres:5432/monster', REDIS_URL: 'redis://redis-cache:6379', REDIS_QUEUE_URL: 'redis://redis-queue:6379' });
} catch (error) {
	if (!(error instanceof ConfigError)) throw error;
	problems.push(...error.message.split('\n').slice(1).filter((line) => !problems.some((known) => known.startsWith(line.split(':')[0] + ':'))));
}
if (problems.length > 0) {
	console.log(problems.join('\n'));
	process.exit(1);
}
