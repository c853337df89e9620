// Small process helpers shared by the start, seed and test scripts.
import { spawn } from "node:child_process";

export const bin = (name: string) => `node_modules/.bin/${name}`;

/** Run a command with inherited stdio; resolves with its exit code. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("error", (e) => {
      console.error(`[run] ${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `prisma migrate deploy`; the WebAssembly engine's CLI lingers ~10 s after finishing (upstream), harmless. */
export const migrateDeploy = (env: NodeJS.ProcessEnv) => run(bin("prisma"), ["migrate", "deploy"], env);
