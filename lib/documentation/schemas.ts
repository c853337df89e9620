import { z } from "zod";
import { safeString } from "../validation";

export const SECTION_CONTENT_MAX = 20_000;

export const sectionInputSchema = z
  .object({
    content: safeString().max(SECTION_CONTENT_MAX, `At most ${SECTION_CONTENT_MAX.toLocaleString("en")} characters.`),
    status: z.enum(["DRAFT", "COMPLETE"], { error: "Choose draft or complete." }),
    /** ISO time of the version the editor started from ("" for a new section): optimistic locking */
    expectedUpdatedAt: safeString().max(40),
  })
  .refine((v) => v.status !== "COMPLETE" || v.content.trim().length > 0, { path: ["content"], message: "A complete section needs content." });

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** What an auditor can open without special software. */
export const EVIDENCE_MEDIA_TYPES: Record<string, string> = {
  "application/pdf": ".pdf",
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "text/plain": ".txt",
  "text/markdown": ".md",
  "text/csv": ".csv",
  "application/json": ".json",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
};
