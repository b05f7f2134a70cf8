// Worker threads do not inherit the test runner's TypeScript loader: load the TypeScript worker through tsx's API.
const { tsImport } = await import('tsx/esm/api');
await tsImport('./sqliteTakeWorker.ts', import.meta.url);
