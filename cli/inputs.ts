import { access, constants, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readLines } from '../core/extract/lineReader.ts';
import { LogUnreadableError, RepositoryNotFoundError } from '../core/heal/healErrors.ts';

/** Checks `--repo` before any work starts. */
export async function repositoryPath(repo: string): Promise<string> {
  const path = resolve(repo);
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) throw new RepositoryNotFoundError(`repository not found: ${repo} is not a directory`);
  return path;
}

/** `--log <file|->`: the lines of a readable file, or of stdin for `-`. */
export async function logLines(log: string): Promise<AsyncIterable<string>> {
  if (log === '-') return readLines(process.stdin);
  const path = resolve(log);
  const info = await stat(path).catch(() => null);
  if (!info) throw new LogUnreadableError(`cannot read log ${log}: no such file`);
  if (!info.isFile()) throw new LogUnreadableError(`cannot read log ${log}: not a regular file`);
  await access(path, constants.R_OK).catch(() => {
    throw new LogUnreadableError(`cannot read log ${log}: permission denied`);
  });
  return readLines(path);
}
