import { defineConfig } from "prisma/config";

// The console applies migrations itself (lib/db/migrate.ts); this file serves `prisma generate`
// here and `prisma migrate deploy` on machines that have Prisma's schema engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/ocr_console" },
});
