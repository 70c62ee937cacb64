# Production image: the one-process server (Next + tRPC HTTP + WebSocket) on port 3000.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production PORT=3000 SKIP_BUILD=1
EXPOSE 3000
CMD ["npm", "start"]
