/** Starting this folder's worker threads, built or from source. */
import { Worker } from 'node:worker_threads';

/** Built (`npm run build`) these modules are JavaScript and so are the workers; from source, a worker boots tsx first. */
const BUILT = import.meta.url.endsWith('.js');
const BOOT = new URL('./boot.mjs', import.meta.url);

/** Starts the worker module `name` of this folder (`extract-worker`, say); it finds `data` as `workerData.data`. */
export function spawnWorker(name: string, data?: unknown): Worker {
  const entry = new URL(`./${name}.${BUILT ? 'js' : 'ts'}`, import.meta.url);
  return BUILT ? new Worker(entry, { workerData: { data } }) : new Worker(BOOT, { workerData: { entry: entry.href, data } });
}
