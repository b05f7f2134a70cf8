/** `npm run bench`: extraction throughput and memory, then analysis latency. Prints figures; asserts nothing. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
for (const bench of ['extractionBench.ts', 'analysisBench.ts']) {
  const path = fileURLToPath(new URL(bench, import.meta.url));
  console.log(`\n## ${bench}\n`);
  execFileSync(process.execPath, ['--import', 'tsx', path, ...(bench === 'extractionBench.ts' ? args : [])], {
    stdio: 'inherit',
  });
}
