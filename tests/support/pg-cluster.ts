// A throwaway PostgreSQL cluster owned by one test: initdb into a temporary folder, started on a free
// port with pg_ctl, so the test may freeze (SIGSTOP), stop and restart it without touching the
// machine's server. PostgreSQL refuses to run as root, so as root (CI) it runs as the `postgres` user.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../scripts/lib/free-port";

export type TestCluster = {
  url: string;
  port: number;
  dir: string;
  start(): void;
  /** fast shutdown: connections are refused from now on */
  stop(): void;
  /** SIGSTOP every process of the cluster: the server accepts TCP but never answers */
  freeze(): void;
  thaw(): void;
  destroy(): void;
};

function binDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fromEnv;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error("initdb not found: install PostgreSQL server binaries or set PG_BIN_DIR");
  return join(root, versions[0], "bin");
}

function userId(name: string): { uid: number; gid: number } | null {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const parts = line.split(":");
  return { uid: Number(parts[2]), gid: Number(parts[3]) };
}

export async function createTestCluster(): Promise<TestCluster> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? userId("postgres") : null;
  if (asRoot && !owner) throw new Error("running as root needs a `postgres` system user to own the test cluster");
  const dir = mkdtempSync(join(tmpdir(), "dossier-pg-"));
  const data = join(dir, "data");
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = owner ? ["runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]] : [join(bin, cmd), args];
    return execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", cwd: dir });
  };
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=40`;
  const cluster: TestCluster = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start: () => void run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "30", "start"]),
    stop: () => void run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]),
    freeze: () => signalAll(data, "SIGSTOP"),
    thaw: () => signalAll(data, "SIGCONT"),
    destroy: () => {
      try {
        signalAll(data, "SIGCONT");
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}

/** The postmaster and its children (backends, checkpointer, …). */
function signalAll(data: string, signal: NodeJS.Signals) {
  const pidFile = join(data, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const children = childrenOf(postmaster);
  // children first, so none is restarted by a postmaster that is still running
  for (const pid of [...children, postmaster]) {
    try {
      process.kill(pid, signal);
    } catch {
      /* exited meanwhile */
    }
  }
}

/** Child pids from /proc (no dependency on procps being installed). */
function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may contain spaces, so read after the last ')'
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}
