'use strict';
// See nullReference.cjs: one snippet per export, each must throw.
const vm = require('node:vm');

exports.jsonPlainText = () => JSON.parse('not json');

exports.jsonStatusWord = () => JSON.parse('OK');

exports.jsonHtmlDocument = () => JSON.parse('<!DOCTYPE html><html><body>Bad Gateway</body></html>');

exports.jsonHtmlErrorPage = () => JSON.parse('<html><head><title>502 Bad Gateway</title></head></html>');

exports.jsonEmptyBody = () => JSON.parse('');

exports.jsonTruncatedBody = () => JSON.parse('{"items": [');

exports.jsonOfUndefined = () => {
  const request = {};
  return JSON.parse(request.body);
};

exports.jsonOfObject = () => JSON.parse({ sku: 'A-1' });

exports.jsonSingleQuotedKey = () => JSON.parse("{'sku': 'A-1'}");

exports.jsonTrailingComma = () => JSON.parse('{"sku": "A-1",}');

exports.jsonUnterminatedString = () => JSON.parse('{"sku": "A-1');

exports.jsonRawNewlineInString = () => JSON.parse('{"note": "line one\nline two"}');

exports.jsonMissingComma = () => JSON.parse('{"sku": "A-1" "qty": 2}');

exports.jsonTwoDocuments = () => JSON.parse('{"id": 1}\n{"id": 2}');

exports.jsonTrailingGarbage = () => JSON.parse('[1, 2]]');

exports.syntaxInFunctionBody = () => new Function('return {');

exports.syntaxUnexpectedIdentifier = () => vm.runInNewContext('const total = price quantity');

exports.syntaxUnexpectedToken = () => new vm.Script('if (ready) { start() }}');

exports.syntaxUnexpectedEnd = () => new vm.Script('function total(items) {');

exports.syntaxUnterminatedString = () => new vm.Script('const name = "unterminated');

exports.importInScript = () => new vm.Script('import { total } from "./pricing.js";');

exports.importInFunction = () => new Function('import express from "express";');

// biome-ignore lint/complexity/useRegexLiterals: a literal would not compile; the pattern comes from data at runtime
exports.regexpUnterminatedGroup = () => new RegExp('(order|invoice');

exports.regexpFromUserInput = () => {
  const search = 'c++';
  return new RegExp(search);
};

// biome-ignore lint/complexity/useRegexLiterals: a literal would not compile; the flags come from data at runtime
exports.regexpBadFlags = () => new RegExp('order', 'xyz');

exports.uriLonePercent = () => decodeURIComponent('100%');

exports.uriTruncatedSequence = () => decodeURIComponent('caf%C3');
