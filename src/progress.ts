import type { LoadStatus } from './graphql/context.ts';

/**
 * Reports the initial load: a self-updating line on a terminal, a line per quarter otherwise
 * (so logs collected by a supervisor are not flooded with 2,000 lines).
 */
export function createProgressReporter(out: NodeJS.WriteStream, enabled: boolean): (status: LoadStatus) => void {
  let lastDraw = 0;
  let lastQuarter = -1;
  return (status) => {
    if (!enabled) return;
    const { filesDone: done, filesTotal: total } = status;
    const secs = ((Date.now() - status.startedAt.getTime()) / 1000).toFixed(1);
    if (status.phase === 'READY') {
      if (out.isTTY) out.write('\r\x1b[K');
      out.write(`loaded ${total} files in ${secs}s\n`);
      return;
    }
    if (out.isTTY) {
      if (Date.now() - lastDraw < 100 && done < total) return;
      lastDraw = Date.now();
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : 0;
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files ${secs}s\x1b[K`);
      return;
    }
    const quarter = total ? Math.floor((done / total) * 4) : 0;
    if (quarter !== lastQuarter) {
      lastQuarter = quarter;
      out.write(`loading: ${done}/${total} files (${secs}s)\n`);
    }
  };
}
