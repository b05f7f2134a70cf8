'use strict';
// See nullReference.cjs: one snippet per export, each must throw; V8 quotes the names written here.

exports.misspelledVariable = () => {
  const subtotal = 10;
  return subtotl * 2 + subtotal;
};

exports.missingImport = () => {
  return lodash.sum([1, 2]);
};

exports.useBeforeConst = () => {
  // biome-ignore lint/correctness/noInvalidUseBeforeDeclaration: reading in the dead zone is the bug reproduced
  const total = price * 2;
  const price = 3;
  return total;
};

exports.classUsedBeforeDeclaration = () => {
  // biome-ignore lint/correctness/noInvalidUseBeforeDeclaration: reading in the dead zone is the bug reproduced
  const repository = new Repository();
  class Repository {}
  return repository;
};

exports.thisBeforeSuper = () => {
  class Base {}
  class AuditedOrder extends Base {
    // biome-ignore lint/correctness/noUnreachableSuper: using `this` before super() is the bug reproduced
    constructor() {
      this.createdAt = Date.now();
      super();
    }
  }
  return new AuditedOrder();
};

exports.returnBeforeSuper = () => {
  class Base {}
  class Invoice extends Base {
    // biome-ignore lint/correctness/noUnreachableSuper: returning before super() is the bug reproduced
    constructor(draft) {
      if (draft) return;
      super();
    }
  }
  return new Invoice(true);
};
