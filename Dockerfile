# The API and the worker share one image; the command picks the entry point.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npm run build && npx vite build --config apps/web/vite.config.ts && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production SMARTSEG_HOME=/data HOST=0.0.0.0 PORT=3000
COPY --from=build /app /app
VOLUME /data
EXPOSE 3000
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=8", "dist/apps/api/src/main.js"]
