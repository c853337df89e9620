// The background scheduler: pg-boss on the app's own PostgreSQL. Every app instance starts it (from
// instrumentation.ts) and every instance works the queues, but pg-boss creates each cron job once per
// slot for the whole cluster (a database-side cron lock plus a singleton key per minute) and hands each
// job to exactly one worker (SELECT … FOR UPDATE SKIP LOCKED), so N instances run each scan once.
// Schedules live in the database (pgboss.schedule), so they survive restarts. On top of that every
// task is idempotent (dedupe keys), so even a retried job notifies nobody twice.
import "server-only";
import PgBoss from "pg-boss";
import { env } from "../env";
import { runDelivery, runRetention, runScan } from "./tasks";

export const JOB_SCHEMA = "pgboss";
export const QUEUES = { scan: "dossier-scan", deliver: "dossier-deliver", retention: "dossier-retention" } as const;

export type JobsConfig = {
  databaseUrl: string;
  /** cron (UTC) of the deadline scan + daily snapshot; default every 15 minutes */
  scanCron: string;
  /** cron of the email delivery of user-triggered notifications; default every minute */
  deliverCron: string;
  /** cron of the monitoring-detail retention job; default daily at 03:30 UTC */
  retentionCron: string;
  /** how often each instance checks the schedules (pg-boss cronMonitorIntervalSeconds) */
  cronMonitorSeconds: number;
  /** how often idle workers poll for jobs */
  pollingSeconds: number;
  /** a label stored with each job's output (which instance ran it) */
  instanceId: string;
};

export function jobsConfig(): JobsConfig {
  return { databaseUrl: env.databaseUrl(), ...env.jobs() };
}

export type RunningJobs = { boss: PgBoss; stop: () => Promise<void> };

export async function startJobs(config: JobsConfig = jobsConfig()): Promise<RunningJobs> {
  const boss = new PgBoss({
    connectionString: config.databaseUrl,
    schema: JOB_SCHEMA,
    // the app's own pool serves requests; the scheduler needs few connections
    max: 3,
    cronMonitorIntervalSeconds: config.cronMonitorSeconds,
    cronWorkerIntervalSeconds: Math.min(config.cronMonitorSeconds, 5),
    application_name: `dossier-jobs-${config.instanceId}`,
  });
  boss.on("error", (error) => console.error("[jobs] pg-boss error:", error));
  await boss.start();
  for (const name of Object.values(QUEUES)) await ensureQueue(boss, name);
  await boss.schedule(QUEUES.scan, config.scanCron, {}, { tz: "UTC" });
  await boss.schedule(QUEUES.deliver, config.deliverCron, {}, { tz: "UTC" });
  await boss.schedule(QUEUES.retention, config.retentionCron, {}, { tz: "UTC" });
  const workOptions = { pollingIntervalSeconds: config.pollingSeconds, batchSize: 1 };
  await boss.work(QUEUES.scan, workOptions, async () => {
    const result = await runScan();
    return { instance: config.instanceId, ...result };
  });
  await boss.work(QUEUES.retention, workOptions, async () => {
    const result = await runRetention();
    return { instance: config.instanceId, ...result };
  });
  await boss.work(QUEUES.deliver, workOptions, async () => {
    const result = await runDelivery();
    return { instance: config.instanceId, ...result };
  });
  console.log(`[jobs] scheduler started (instance ${config.instanceId}): scan "${config.scanCron}", email delivery "${config.deliverCron}", retention "${config.retentionCron}" (UTC)`);
  return { boss, stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}

/**
 * Create a queue unless it exists. Instances that start together race here: pg-boss's createQueue
 * (a partition + an insert) can deadlock against another instance's, and PostgreSQL then aborts one
 * of them (40P01) while the other commits. So a failure is retried after a short random pause,
 * checking first whether the other instance has created the queue meanwhile.
 */
async function ensureQueue(boss: PgBoss, name: string, attempts = 6): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      // stately: at most one queued and one running job per queue, so a slow scan never overlaps itself
      await boss.createQueue(name, { name, policy: "stately", retryLimit: 2, retryDelay: 30, expireInSeconds: 15 * 60 });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt + Math.floor(Math.random() * 300)));
    }
  }
}
