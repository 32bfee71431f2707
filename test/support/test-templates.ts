// Builds or drops the test database templates in a process of its own (test/global-setup.ts runs it), so the
// test run's main process never holds PGlite's WebAssembly memory (about 600 MB, never given back).
import { writeFile } from 'node:fs/promises';
import { createPostgresTemplate, dropPostgresDatabase, dumpMigratedPglite, testPostgresUrl } from './databases.ts';

const [command, argument] = process.argv.slice(2);
if (command === 'create' && argument) {
	const dump = await dumpMigratedPglite();
	await writeFile(argument, Buffer.from(await dump.arrayBuffer()));
	// The PostgreSQL template's name, on stdout for the caller.
	if (testPostgresUrl) process.stdout.write(await createPostgresTemplate());
} else if (command === 'drop' && argument) {
	await dropPostgresDatabase(argument);
} else {
	throw new Error('usage: test-templates.ts create <pglite dump file> | drop <postgres template>');
}
