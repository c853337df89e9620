// Worker-thread entry of the PDF pool (pool.ts). A plain .mjs file so that the built app (next start),
// vitest and the bench scripts can all start it from the source tree; it loads the TypeScript renderer
// through tsx (a runtime dependency) without touching the main thread's module loader.
import { tsImport } from "tsx/esm/api";

await tsImport("./render-worker-main.ts", import.meta.url);
