-- Issue 12: EU database registration data (Art. 49, 71; Annex VIII Sections A, B and C) per model.
ALTER TABLE "Model" ADD COLUMN "euRegistration" JSONB;
