-- Idempotency keys whose request died are released: the holder renews a lease while it runs; a retry
-- after the lease has passed takes the key over. Rows in progress from before this migration get an
-- expired lease (their holder, an older server, is gone or finishes soon).
ALTER TABLE "IdempotencyRecord" ADD COLUMN "leaseExpiresAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
