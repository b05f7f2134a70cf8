'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * Files the snippets need live under a fixed absolute path, not a random temp dir: messages quote paths
 * ("imported from /tmp/...", "open '/tmp/...'"), and the examples must come out identical on every machine.
 */
const SCRATCH_DIR = '/tmp/homeostasis-rule-examples';

/** Creates `files` (relative path -> content) under the scratch dir and returns the dir joined with `relative`. */
function scratch(relative, files = {}) {
  fs.mkdirSync(SCRATCH_DIR, { recursive: true, mode: 0o755 });
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(SCRATCH_DIR, name);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, content);
  }
  return path.join(SCRATCH_DIR, relative);
}

/**
 * Drops root privileges (the snippets run as root in containers), so permission checks apply as for a service.
 * For good: a snippet that calls it must be wrapped in `isolated` so it gets a process of its own.
 */
function dropRoot() {
  if (process.getuid && process.getuid() === 0) {
    process.setgid(65534);
    process.setuid(65534);
  }
}

/** Marks a snippet that changes its process for good, so the runner does not share the process with others. */
function isolated(snippet) {
  snippet.isolated = true;
  return snippet;
}

module.exports = { SCRATCH_DIR, scratch, dropRoot, isolated };
