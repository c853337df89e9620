-- Inventory search (name, key, intended purpose ILIKE '%text%') answered by trigram GIN indexes.
-- pg_trgm ships with PostgreSQL (contrib) and with PGlite (loaded in scripts/embedded-db.ts). Where a
-- server does not offer it, the search keeps working unindexed: the migration skips the indexes
-- with a notice instead of failing.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available (%): inventory search runs without trigram indexes', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS "Model_name_trgm_idx" ON "Model" USING GIN ("name" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "Model_key_trgm_idx" ON "Model" USING GIN ("key" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "Model_intendedPurpose_trgm_idx" ON "Model" USING GIN ("intendedPurpose" gin_trgm_ops);
  END IF;
END $$;
