import { defineConfig } from "prisma/config";

// The app applies migrations itself (server/adapters/db/migrator.ts); this file serves `prisma generate` and,
// on machines that have Prisma's schema engine, `prisma migrate status|deploy` against DATABASE_URL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
