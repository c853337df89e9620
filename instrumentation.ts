// Next.js calls register() once when a server instance starts. The Node runtime starts the background
// scheduler (lib/jobs): deadline scans, the daily trend snapshot and email delivery. Nothing runs while
// `next build` collects pages, in the Edge runtime, or when DOSSIER_JOBS=off (e.g. a web-only instance
// next to a dedicated worker started with lib/jobs/standalone.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.DOSSIER_JOBS === "off") return;
  const { startJobs } = await import("./lib/jobs/scheduler");
  // never block or crash the web server because the scheduler could not start: log it loudly instead
  startJobs().catch((error: unknown) => console.error("[jobs] the scheduler did not start; scans and emails will not run:", error));
}
