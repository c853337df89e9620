import { defineConfig } from "prisma/config";
import { MigratePg } from "./prisma/migrate-adapter";

// Prisma skips .env loading when a config file exists. DATABASE_URL must also be resolvable
// for `env("DATABASE_URL")` in schema.prisma: if it is not, the CLI cannot read
// `engineType = "client"` and falls back to downloading the native query engine.
try {
  process.loadEnvFile();
} catch {
  /* no .env file */
}
process.env.DATABASE_URL ??= "postgresql://postgres:postgres@127.0.0.1:5432/dossier";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Bundled WebAssembly schema engine + driver adapter: no native engine download.
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new MigratePg(process.env.DATABASE_URL!),
});
