import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleFile, readRuleFile } from './loadRuleFile.ts';
import { RuleFileInvalidError } from './ruleErrors.ts';
import { sketchFile } from './testing/ruleFactory.ts';

const dir = mkdtempSync(join(tmpdir(), 'homeostasis-rule-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadRuleFile', () => {
  it('returns the parsed file with defaults applied', () => {
    const json = JSON.parse(JSON.stringify(sketchFile([{ id: 'js.ok.rule', pattern: '^x' }])));
    delete json.rules[0].specificityBonus;
    expect(loadRuleFile(json).rules[0]?.specificityBonus).toBe(0);
  });

  it('names the file and the rule (by id) at fault, with each issue', () => {
    const json = JSON.parse(
      JSON.stringify(
        sketchFile([
          { id: 'js.ok.rule', pattern: '^x' },
          { id: 'js.bad.rule', pattern: '^y' },
        ]),
      ),
    );
    json.rules[1].category = 'null-pointer';
    json.rules[1].examples.positive = [];
    let error: unknown;
    try {
      loadRuleFile(json, 'plugins/x/x.rules.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleFileInvalidError);
    const invalid = error as RuleFileInvalidError;
    expect(invalid.origin).toBe('plugins/x/x.rules.json');
    expect(invalid.ruleId).toBe('"js.bad.rule"');
    expect(invalid.message).toMatch(/^invalid rule file plugins\/x\/x\.rules\.json \(rule "js\.bad\.rule"\)/);
    expect(invalid.issues).toEqual([
      expect.stringMatching(/^rule "js\.bad\.rule": rules\[1\]\.category: /),
      expect.stringMatching(/^rule "js\.bad\.rule": rules\[1\]\.examples\.positive: /),
    ]);
  });

  it('names a rule without an id by its position', () => {
    expect(() => loadRuleFile({ language: 'javascript', version: '1', rules: [{ pattern: 'x' }] })).toThrow(/rule #0/);
  });

  it('reports a file that is not JSON by its path', () => {
    const path = join(dir, 'broken.rules.json');
    writeFileSync(path, '{ "language": "javascript", ');
    expect(() => readRuleFile(path)).toThrow(RuleFileInvalidError);
    expect(() => readRuleFile(path)).toThrow(path);
  });
});
