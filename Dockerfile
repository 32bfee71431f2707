# Monster: the bot runs its TypeScript directly through tsx (a production dependency), so there is
# no build stage. Build: `docker build -t monster .`  Run: see docker-compose.yml and docs/deploy.md.
FROM node:20.20.2-bookworm-slim

# tini as PID 1: forwards SIGTERM/SIGINT to node (which then flushes, closes the database and exits)
# and reaps zombies. DejaVu: the text of the charts the bot draws (/résumé) needs a system font.
# The versions are those of Debian bookworm (checked with apt-cache policy).
RUN apt-get update \
	&& apt-get install -y --no-install-recommends tini=0.19.0-1+b3 fonts-dejavu-core=2.37-6 \
	&& rm -rf /var/lib/apt/lists/*

WORKDIR /app

ENV NODE_ENV=production \
	API_HOST=0.0.0.0 \
	API_PORT=5000 \
	DATA_DIR=/data \
	PLUGINS_DIR=/app/plugins \
	NPM_CONFIG_UPDATE_NOTIFIER=false

# Production dependencies only, exactly as locked. tsx is in "dependencies", so it is installed.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
	&& npm cache clean --force

# The code stays owned by root: the bot (user node) can read it but not change it.
COPY tsconfig.json ./
COPY core/ core/
COPY emulator/ emulator/
COPY sandbox/ sandbox/
COPY migrations/ migrations/
COPY plugins/ plugins/
COPY scripts/ scripts/
COPY config/ config/

RUN mkdir -p /data \
	&& chown node:node /data

USER node
VOLUME ["/data"]
EXPOSE 5000

# No curl in the slim image: node's fetch. /api/health answers 503 until Discord, the database and
# the cache are all up, hence the start period. (dockerfilelint 1.8 reports "Invalid Argument Format"
# here: its option regex cuts --start-period to --start. Docker has supported it since 17.05.)
# fetch refuses the ports of the Fetch standard's block list (5060, 5061, 6000, 6665-6669, 10080):
# keep API_PORT off them.
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 5000) + '/api/health', { signal: AbortSignal.timeout(8000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
# `node --import tsx` runs in one process (the tsx CLI would add a second one between tini and the bot).
CMD ["node", "--import", "tsx", "core/main.ts"]
