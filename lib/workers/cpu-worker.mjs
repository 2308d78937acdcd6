// Entry of the CPU worker threads (lib/workers/pool.ts): the tasks are TypeScript, loaded through tsx's API (the same
// loader `npm start` runs the server with), with the project's tsconfig paths.
import { tsImport } from "tsx/esm/api";

await tsImport("./cpu-tasks.ts", import.meta.url);
