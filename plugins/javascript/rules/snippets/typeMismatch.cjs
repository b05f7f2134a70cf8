'use strict';
// See nullReference.cjs: one snippet per export, each must throw; V8 quotes the expressions written here.

exports.callMissingMethod = () => {
  const client = {};
  return client.connect();
};

exports.callNumber = () => {
  const handler = 42;
  return handler();
};

exports.arrayMethodOnObject = () => {
  const data = { items: [1, 2] };
  return data.map((item) => item * 2);
};

exports.arrayMethodOnString = () => {
  const tags = 'sale,new';
  return tags.forEach((tag) => {
    tag.trim();
  });
};

exports.destructureCallOfUndefined = () => {
  const hooks = {};
  const [state, setState] = hooks.useState();
  return [state, setState];
};

exports.destructureNonIterableResult = () => {
  function loadRange() {
    return 5;
  }
  const [from, to] = loadRange();
  return from + to;
};

exports.newOnArrowFunction = () => {
  const Client = () => ({});
  return new Client();
};

exports.newOnMissingExport = () => {
  const sdk = {};
  return new sdk.Client();
};

exports.classCalledWithoutNew = () => {
  class OrderRepository {}
  return OrderRepository();
};

exports.classCalledWithCall = () => {
  class PriceCache {}
  return PriceCache.call({});
};

exports.iterateObject = () => {
  const order = { items: [] };
  for (const item of order) return item;
};

exports.mapFromNumber = () => new Map(5);

exports.inOperatorOnString = () => {
  const payload = 'ok';
  return 'status' in payload;
};

exports.inOperatorOnNumber = () => 'length' in 42;

exports.circularJson = () => {
  const order = { id: 1 };
  order.self = order;
  return JSON.stringify(order);
};

exports.circularJsonThroughChild = () => {
  const customer = { id: 7, orders: [] };
  customer.orders.push({ id: 1, customer });
  return JSON.stringify(customer);
};

exports.bigintInJson = () => JSON.stringify({ total: 1999n });

exports.bigintInNestedJson = () => JSON.stringify({ order: { id: 9007199254740993n } });

exports.bigintPlusNumber = () => {
  const total = 10n;
  return total + 1;
};

exports.bigintToNumber = () => Math.round(10n);

exports.readPrivateMemberOfOtherObject = () => {
  class Account {
    #balance = 0;
    static balanceOf(account) {
      return account.#balance;
    }
  }
  return Account.balanceOf({});
};

exports.writePrivateMemberOfOtherObject = () => {
  class Account {
    #balance = 0;
    static reset(account) {
      account.#balance = 0;
    }
    get balance() {
      return this.#balance;
    }
  }
  return Account.reset({});
};

exports.assignFrozenProperty = () => {
  const settings = Object.freeze({ status: 'active' });
  settings.status = 'paused';
};

exports.pushToFrozenArray = () => {
  const roles = Object.freeze(['admin']);
  roles.push('guest');
};

exports.createPropertyOnString = () => {
  const order = 'A-1';
  order.paid = true;
};

exports.cloneFunction = () => structuredClone({ onPaid: () => 1 });

exports.cloneSymbol = () => structuredClone(Symbol('order'));

exports.argumentOfWrongType = () => require('node:path').join('/srv', 5);

exports.bufferFromNumber = () => Buffer.from(5);
