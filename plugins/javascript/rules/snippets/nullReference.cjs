'use strict';
// Every export runs alone in a fresh `node` process (cwd `/`) and must throw the error its name describes; what V8
// reports is an example in ../javascript.rules.json (see ../collectExamples.ts). V8 quotes source text in some
// messages, so the variable names here are what the messages show.

const DISCOUNTS = { SAVE10: { percent: 10 }, VIP: { percent: 20 } };

exports.readPropertyOfUndefined = () => {
  const code = 'SUMMER25';
  return DISCOUNTS[code].percent;
};

exports.readPropertyOfNull = () => {
  const customers = new Map([[1, { tier: 'gold' }]]);
  const customer = customers.get(42) ?? null;
  return customer.tier;
};

exports.readPropertyOfMissingArrayElement = () => {
  const orders = [];
  return orders[orders.length - 1].total;
};

exports.setPropertyOfUndefined = () => {
  const sessions = {};
  sessions['u-1'].lastSeen = Date.now();
};

exports.setPropertyOfNull = () => {
  const cart = JSON.parse('null');
  cart.items = [];
};

exports.destructureMissingArgument = () => {
  function createOrder({ items, customerId }) {
    return { items, customerId };
  }
  return createOrder();
};

exports.destructureNullVariable = () => {
  const body = JSON.parse('null');
  const { items } = body;
  return items;
};

exports.destructureNullArgumentWithEmptyPattern = () => {
  // biome-ignore lint/correctness/noEmptyPattern: the empty pattern is what makes V8 word the message this way
  function audit({}) {
    return true;
  }
  return audit(null);
};

exports.objectKeysOfUndefined = () => {
  const config = {};
  return Object.keys(config.features);
};

exports.objectEntriesOfNull = () => Object.entries(JSON.parse('null'));

exports.inOperatorOnUndefined = () => {
  const request = {};
  return 'authorization' in request.headers;
};

exports.inOperatorOnNull = () => 'id' in JSON.parse('null');

exports.spreadOfUndefined = () => {
  const pair = undefined;
  const [first, second] = pair;
  return first + second;
};

exports.arrayFromUndefined = () => {
  const response = {};
  return Array.from(response.rows);
};

exports.fromEntriesOfUndefined = () => {
  const config = {};
  return Object.fromEntries(config.headers);
};

exports.allSettledOfNull = () => Promise.allSettled(JSON.parse('null'));

exports.promiseAllOfUndefined = () => {
  const config = {};
  return Promise.all(config.jobs);
};

exports.pathArgumentUndefined = () => {
  const settings = {};
  return require('node:fs').readFileSync(settings.reportPath);
};

exports.pathArgumentNull = () => require('node:path').join('/srv/uploads', JSON.parse('null'));
