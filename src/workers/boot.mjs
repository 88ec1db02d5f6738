// Worker entry: registers tsx (the service runs TypeScript directly), then loads the TypeScript worker named
// in workerData. A worker thread does not inherit the parent's loader hooks, so it registers its own.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
