import { Worker } from "node:worker_threads";
import type { SolverModel } from "./model.js";
import type { SolveOptions, SolveResult } from "./solve.js";
import type { WorkerMessage } from "./solver.worker.js";

export interface SolverJob {
  /** The best solution found, when the run ends (time/iteration limit or cancel). */
  result: Promise<SolveResult>;
  /** Asks the search to stop; `result` then resolves with the best solution so far. */
  cancel(): void;
}

/**
 * Runs `solve` in a worker thread, so the caller's event loop (a server) stays responsive. Progress
 * arrives through `onProgress` on the caller's thread; cancelling sets a shared flag the search polls.
 */
export function runSolverInWorker(
  model: SolverModel,
  options: Omit<SolveOptions, "shouldStop"> = {},
): SolverJob {
  const { onProgress, ...rest } = options;
  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  const workerData = { model, options: rest, stop };
  const entry = new URL(
    import.meta.url.endsWith(".ts") ? "./solver.worker.ts" : "./solver.worker.js",
    import.meta.url,
  );
  // Under tsx (tests, the CLI) the worker registers tsx itself before loading the TypeScript entry.
  const worker = entry.pathname.endsWith(".ts")
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
        { eval: true, workerData },
      )
    : new Worker(entry, { workerData });
  const result = new Promise<SolveResult>((resolve, reject) => {
    let settled = false;
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") onProgress?.(message.progress);
      else if (message.type === "result") {
        settled = true;
        resolve(message.result);
        void worker.terminate();
      } else {
        settled = true;
        reject(new Error(message.message));
        void worker.terminate();
      }
    });
    worker.on("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`solver worker exited with code ${code}`));
    });
  });
  return {
    result,
    cancel: () => {
      Atomics.store(flag, 0, 1);
    },
  };
}
