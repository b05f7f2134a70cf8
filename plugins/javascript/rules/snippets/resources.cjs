'use strict';
// See nullReference.cjs: one snippet per export, each must throw (or, when `fatal`, make V8 abort).
const { Worker } = require('node:worker_threads');

exports.unboundedRecursion = () => {
  function total(node) {
    return node.value + total(node);
  }
  return total({ value: 1 });
};

exports.spreadOfHugeArray = () => Math.max(...new Array(2_000_000).fill(0));

exports.heapExhausted = () => {
  const cache = [];
  for (;;) cache.push({ id: cache.length, payload: `order-${cache.length}`.repeat(8) });
};
// A 16 MB heap runs out in about 0.1 s; V8 then aborts and prints "FATAL ERROR: ..." on stderr.
exports.heapExhausted.nodeArgs = ['--max-old-space-size=16'];
exports.heapExhausted.fatal = true;

exports.workerHeapExhausted = () =>
  new Promise((resolve, reject) => {
    const source = 'const cache = []; for (;;) cache.push(new Array(1e5).fill(cache.length));';
    const worker = new Worker(source, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 8 } });
    worker.on('error', reject);
    worker.on('exit', resolve);
  });

exports.stringTooLong = () => 'x'.repeat(2 ** 30);

exports.paddedStringTooLong = () => ''.padEnd(2 ** 30, '-');

exports.arrayBufferTooLarge = () => new ArrayBuffer(2 ** 53);

exports.tooManyOpenFiles = () => {
  const fs = require('node:fs');
  const handles = [];
  for (;;) handles.push(fs.openSync('/etc/hosts', 'r'));
};
// The limit makes the error come after a few dozen files instead of a million.
exports.tooManyOpenFiles.maxOpenFiles = 64;

exports.tooManyOpenDirectories = () => {
  const fs = require('node:fs');
  const handles = [];
  for (;;) handles.push(fs.opendirSync('/'));
};
exports.tooManyOpenDirectories.maxOpenFiles = 64;
