# Monster's production image, in two stages. Build: `docker build -t monster .`  Run: docker-compose.yml.
#  - build: Node 20 on Alpine with npm and a C toolchain (node-gyp, for a native addon without a musl
#    prebuild); installs the production dependencies exactly as locked, then drops what never runs
#    (scripts/slim-node-modules.sh).
#  - dashboard: the web dashboard built with Vite (a dev dependency, so in its own stage); only its
#    built files (dashboard/dist) reach the image.
#  - final: bare Alpine with the node binary, tini, two DejaVu fonts, those node_modules and the code.
#    No npm, yarn, corepack or compiler. Size and how it was measured: docs/deploy.md.
# The bot runs its TypeScript through core/runtime/typescript.mjs, a module hook that erases types with
# Sucrase (why not tsx: docs/deploy.md, Memory). The code keeps to erasable syntax (tsconfig's
# erasableSyntaxOnly), so on a Node that strips types itself the hook could go; Node 20 does not.
# The same hook lets the plugin host load `.ts` plugins dropped into /app/plugins.
# The local Discord server (emulator/, sandbox/) is left out: the image runs with DISCORD_TOKEN.

FROM node:20.20.2-alpine3.22 AS build

# Alpine's packages are not pinned: its branch (3.22, from the tag) only gets security fixes, and old
# package versions leave the mirrors, so pins would break rebuilds.
RUN apk add --no-cache bash binutils g++ make python3 font-dejavu

WORKDIR /app
COPY package.json package-lock.json ./
# npm ci runs `prepare` (the dashboard build), which only notes that Vite, a dev dependency, is absent here.
COPY scripts/build-dashboard.ts scripts/
COPY core/runtime/ core/runtime/
RUN npm ci --omit=dev --no-audit --no-fund
COPY scripts/slim-node-modules.sh scripts/
# strip: the symbol table of node is ~12 MB that only native debuggers read.
RUN scripts/slim-node-modules.sh node_modules \
	&& strip /usr/local/bin/node

FROM node:20.20.2-alpine3.22 AS dashboard

WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; Vite's native parts are optional packages.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY dashboard/ dashboard/
COPY scripts/build-dashboard.ts scripts/
COPY core/runtime/ core/runtime/
RUN node --import ./core/runtime/typescript.mjs scripts/build-dashboard.ts

FROM alpine:3.22

# libstdc++ (and libgcc) are what the node binary links against, as in the official node image.
# tini as PID 1: forwards SIGTERM/SIGINT to node (which then flushes, closes the database and exits)
# and reaps zombies. The `node` user has uid/gid 1000, as in the official node images.
RUN apk add --no-cache libstdc++ tini \
	&& addgroup -g 1000 node \
	&& adduser -u 1000 -G node -s /sbin/nologin -D node

COPY --from=build /usr/local/bin/node /usr/local/bin/node
# The charts the bot draws (/résumé) need a font for their text: DejaVu Sans, regular and bold.
COPY --from=build /usr/share/fonts/dejavu/DejaVuSans.ttf /usr/share/fonts/dejavu/DejaVuSans-Bold.ttf /usr/share/fonts/dejavu/

WORKDIR /app

ENV NODE_ENV=production \
	API_HOST=0.0.0.0 \
	API_PORT=5000 \
	DATA_DIR=/data \
	BACKUP_DIR=/data/backups \
	PLUGINS_DIR=/app/plugins \
	NODE_OPTIONS=--max-semi-space-size=2

# The code stays owned by root: the bot (user node) can read it but not change it.
COPY --from=build /app/node_modules/ node_modules/
COPY package.json tsconfig.json ./
COPY core/ core/
COPY migrations/ migrations/
COPY config/ config/
COPY scripts/migrate.ts scripts/
COPY --from=dashboard /app/dashboard/dist/ dashboard/dist/
# /app/plugins is also where docker-compose.yml mounts ./plugins (read-only): the plugins shipped here
# are what runs when nothing is mounted.
COPY plugins/ plugins/

RUN mkdir -p /data \
	&& chown node:node /data

USER node
VOLUME ["/data"]
EXPOSE 5000

# No curl in the image: node's fetch. /api/health answers 503 until Discord, the database and the
# cache are all up, hence the start period. (dockerfilelint 1.8 reports "Invalid Argument Format"
# here: its option regex cuts --start-period to --start. Docker has supported it since 17.05.)
# fetch refuses the ports of the Fetch standard's block list (5060, 5061, 6000, 6665-6669, 10080):
# keep API_PORT off them.
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 5000) + '/api/health', { signal: AbortSignal.timeout(8000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/sbin/tini", "--"]
# One process: the hook runs in Node's loader thread, with no compiler process beside the bot.
# NODE_OPTIONS above: V8's young generation at 2 MB semi-spaces instead of 16 (see docs/deploy.md, Memory).
CMD ["node", "--import", "./core/runtime/typescript.mjs", "core/main.ts"]
