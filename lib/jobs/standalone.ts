// Runs the scheduler alone, without the web server: a dedicated worker process
// (`npx tsx --conditions=react-server lib/jobs/standalone.ts`), and the second "app instance" of the
// two-instance test. Stops cleanly on SIGTERM/SIGINT.
import { startJobs } from "./scheduler";

const running = await startJobs();
console.log("[jobs] standalone worker ready");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void running.stop().finally(() => process.exit(0));
  });
}
