import pc from 'picocolors';
import type { Progress } from '../core/heal/progress.ts';

/** Steps with elapsed times, on stderr so that stdout stays the result. */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const start = performance.now();
  let stepStart = start;
  const elapsed = () => pc.dim(`[${((performance.now() - start) / 1000).toFixed(1).padStart(5)}s]`);
  return {
    step(title) {
      stepStart = performance.now();
      stream.write(`${elapsed()} ${pc.bold(title)}\n`);
    },
    done(detail) {
      const took = ((performance.now() - stepStart) / 1000).toFixed(1);
      stream.write(`${elapsed()}   ${pc.green('✓')} ${detail ?? 'done'} ${pc.dim(`(${took}s)`)}\n`);
    },
    note(text) {
      stream.write(`${elapsed()}     ${text}\n`);
    },
  };
}
