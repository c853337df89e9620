-- The trigram index on "key" (20261201030000_search_trgm) also answers equality (pg_trgm >= 1.6), and the
-- planner chose it over the unique index for `key = ANY(...)`: about 13 ms per key instead of a fraction of
-- one, in every lookup of models by key (imports, reports, token limits, bulk actions). The search now
-- matches lower(key), so its index is on that expression and plain lookups by key use "Model_key_key".
DROP INDEX IF EXISTS "Model_key_trgm_idx";

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS "Model_lower_key_trgm_idx" ON "Model" USING GIN (lower("key") gin_trgm_ops);
  END IF;
END $$;
