'use strict';
// See nullReference.cjs: one snippet per export, each must throw.

exports.invalidDateToIso = () => new Date('2024-13-45').toISOString();

exports.invalidDateFormat = () => new Intl.DateTimeFormat('en-US').format(new Date('next tuesday'));

exports.toFixedTooManyDigits = () => (19.99).toFixed(101);

exports.toPrecisionZero = () => (19.99).toPrecision(0);

exports.toStringRadixOne = () => (255).toString(1);

exports.relativeUrl = () => new URL('/orders?page=2');

exports.urlWithUnsetBase = () => {
  const config = {};
  return new URL('/health', config.baseUrl);
};

exports.unknownLocale = () => (1999).toLocaleString('en_US!');

exports.unknownTimeZone = () => new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Atlantis' });

exports.unknownCurrency = () => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EURO' });

exports.negativeRepeat = () => '-'.repeat(-1);

exports.invalidCodePoint = () => String.fromCodePoint(0x110000);

exports.objectWithoutPrototypeToString = () => `${Object.create(null)}`;

exports.symbolToString = () => `${Symbol('order')}`;

exports.fractionToBigInt = () => BigInt(19.99);

exports.decimalStringToBigInt = () => BigInt('19.99');

exports.bigintDivisionByZero = () => {
  const items = 0n;
  return 100n / items;
};

exports.bigintRemainderByZero = () => {
  const shards = 0n;
  return 10n % shards;
};

exports.negativeArrayLength = () => new Array(-1);

exports.setNegativeArrayLength = () => {
  const rows = [];
  rows.length = -1;
};

exports.negativeTypedArrayLength = () => new Uint8Array(-1);

exports.readPastBufferEnd = () => Buffer.alloc(2).readUInt32LE(0);

exports.readPastDataViewEnd = () => new DataView(new ArrayBuffer(2)).getUint32(4);

exports.bufferOffsetOutOfRange = () => Buffer.alloc(4).readUInt8(10);

exports.bufferOffsetPastEnd = () => Buffer.alloc(4).readUInt16BE(3);

exports.byteValueOutOfRange = () => Buffer.alloc(4).writeUInt8(300, 0);

exports.negativeBufferSize = () => Buffer.alloc(-1);

exports.reduceEmptyArray = () => [].reduce((sum, price) => sum + price);

exports.reduceEmptyFilteredArray = () => [3, 5].filter((price) => price > 10).reduce(Math.max);

exports.unknownEncoding = () => Buffer.from('order', 'utf-16');

exports.unknownEncodingToString = () => Buffer.from('order').toString('base32');
