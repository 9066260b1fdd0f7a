import { parentPort, workerData } from "node:worker_threads";
import type { SolverModel } from "./model.js";
import { type SolveOptions, type SolverProgress, solve } from "./solve.js";

/** Worker-thread entry: solves the model from workerData, posting progress and then the result. */
export type WorkerMessage =
  | { type: "progress"; progress: SolverProgress }
  | { type: "result"; result: ReturnType<typeof solve> }
  | { type: "error"; message: string };

const { model, options, stop } = workerData as {
  model: SolverModel;
  options: Omit<SolveOptions, "onProgress" | "shouldStop">;
  stop: SharedArrayBuffer;
};
const flag = new Int32Array(stop);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
try {
  const result = solve(model, {
    ...options,
    onProgress: (progress) => post({ type: "progress", progress }),
    shouldStop: () => Atomics.load(flag, 0) !== 0,
  });
  post({ type: "result", result });
} catch (error) {
  post({ type: "error", message: error instanceof Error ? error.message : String(error) });
}
