import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../patch/candidate.ts';
import { makeCandidate } from '../patch/makeCandidate.ts';
import { CATEGORIES } from '../schema/taxonomy.ts';
import type { ApprovalTier, TrackRecord } from './approvalTypes.ts';
import { DEFAULT_THRESHOLDS, environmentClass, RiskPolicyError, riskPolicyFor, tierFor } from './riskPolicy.ts';
import { assessRisk, type RiskInput } from './riskScore.ts';
import { addLinesEdit } from './testing/validatedHealing.ts';

const guard = makeCandidate({ strategy: 'guard', description: 'd', edits: [addLinesEdit('src/orders.js', 2)] }, 0);
const risky = makeCandidate(
  {
    strategy: 'guard',
    description: 'd',
    edits: [
      { path: 'src/auth/login.js', before: 'a\n', after: "a\nconst key = 'AKIAIOSFODNN7EXAMPLE';\neval(x);\n" },
      { path: 'db/migrations/001.py', before: 'a\n', after: 'a\ncur.execute(f"SELECT * FROM t WHERE a = {a}")\n' },
    ],
  },
  0,
);
const record = (over: Partial<TrackRecord> = {}): TrackRecord => ({
  ruleId: 'r1',
  accepted: 0,
  rejected: 0,
  rolledBack: 0,
  verified: 0,
  ...over,
});
const input = (over: Partial<RiskInput> = {}): RiskInput => ({
  candidate: guard,
  category: 'null-reference',
  ruleId: 'r1',
  environment: 'development',
  trackRecord: record(),
  ...over,
});
const withDiffSize = (candidate: Candidate, diffSize: number): Candidate => ({ ...candidate, diffSize });

const arbitraryInput = fc.record({
  candidate: fc.constantFrom(guard, risky),
  diffSize: fc.nat({ max: 5000 }),
  category: fc.oneof(fc.constantFrom(...CATEGORIES), fc.string()),
  ruleId: fc.option(fc.constant('r1'), { nil: null }),
  environment: fc.constantFrom('production', 'prod-eu', 'staging', 'development', 'test', 'whatever'),
  trackRecord: fc.record({
    ruleId: fc.constant('r1'),
    accepted: fc.nat({ max: 1000 }),
    rejected: fc.nat({ max: 1000 }),
    rolledBack: fc.nat({ max: 1000 }),
    verified: fc.nat({ max: 1000 }),
  }),
});
type ArbitraryInput = typeof arbitraryInput extends fc.Arbitrary<infer T> ? T : never;
const toInput = (a: ArbitraryInput): RiskInput => ({ ...a, candidate: withDiffSize(a.candidate, a.diffSize) });

describe('assessRisk', () => {
  it('explains a small guard in development part by part', () => {
    const risk = assessRisk(input(), riskPolicyFor('development'));
    expect(risk.parts).toEqual([
      { name: 'diff-size', points: 0, detail: '2 changed line(s): 1 point per 4, at most 25' },
      { name: 'files-touched', points: 0, detail: '1 file(s): src/orders.js' },
      { name: 'category', points: 3, detail: 'category null-reference' },
      { name: 'track-record', points: 10, detail: 'rule r1 has no history yet' },
      { name: 'environment', points: 0, detail: 'development' },
    ]);
    expect(risk).toMatchObject({ score: 13, tier: 'auto', reviewersRequired: 0 });
  });

  it('adds critical paths and security findings, clamps at 100 and asks for a security review', () => {
    const risk = assessRisk(input({ candidate: risky, environment: 'production' }), riskPolicyFor('production'));
    expect(risk.parts.map((p) => p.name)).toEqual([
      'diff-size',
      'files-touched',
      'critical-path',
      'security:secret',
      'security:eval',
      'security:sql-string',
      'category',
      'track-record',
      'environment',
    ]);
    expect(risk.parts.find((p) => p.name === 'critical-path')?.detail).toBe(
      'touches src/auth/login.js, db/migrations/001.py',
    );
    expect(risk).toMatchObject({ score: 100, tier: 'security-review', reviewersRequired: 2 });
  });

  it('uses the critical paths of the policy', () => {
    const policy = riskPolicyFor('development', { criticalPaths: ['src/orders.js'] });
    expect(assessRisk(input(), policy).parts.find((p) => p.name === 'critical-path')?.points).toBe(30);
    const none = riskPolicyFor('development', { criticalPaths: [] });
    expect(assessRisk(input({ candidate: risky }), none).parts.some((p) => p.name === 'critical-path')).toBe(false);
  });

  it('costs more in production and treats an unknown environment as production', () => {
    const points = (environment: string) =>
      assessRisk(input({ environment }), riskPolicyFor(environment)).parts.find((p) => p.name === 'environment');
    expect(points('production')?.points).toBe(8);
    expect(points('staging')?.points).toBe(3);
    expect(points('dev')?.points).toBe(0);
    expect(points('eu-west')).toEqual({ name: 'environment', points: 8, detail: 'eu-west (treated as production)' });
    expect(environmentClass('UAT')).toBe('staging');
  });

  it('gives a rule with no history the middle of the track-record range, fewer points for acceptances', () => {
    const trackPoints = (r: Partial<TrackRecord>, ruleId: string | null = 'r1') =>
      assessRisk(input({ trackRecord: record(r), ruleId }), riskPolicyFor('dev')).parts.find(
        (p) => p.name === 'track-record',
      )?.points;
    expect(trackPoints({})).toBe(10);
    expect(trackPoints({}, null)).toBe(10);
    expect(trackPoints({ accepted: 8, verified: 10 })).toBe(1);
    expect(trackPoints({ rejected: 3 })).toBe(16);
    expect(trackPoints({ rolledBack: 3 })).toBe(18);
  });

  it('property: the score is 0..100, the parts sum to it before clamping, and the tier follows the score', () => {
    fc.assert(
      fc.property(arbitraryInput, (a) => {
        const policy = riskPolicyFor(a.environment);
        const risk = assessRisk(toInput(a), policy);
        const sum = risk.parts.reduce((s, p) => s + p.points, 0);
        expect(risk.score).toBeGreaterThanOrEqual(0);
        expect(risk.score).toBeLessThanOrEqual(100);
        expect(Number.isInteger(risk.score)).toBe(true);
        expect(risk.score).toBe(Math.min(100, sum));
        expect(risk.tier).toBe(tierFor(risk.score, policy.thresholds));
        for (const part of risk.parts) expect(part.detail).not.toContain('\n');
      }),
      { numRuns: 300 },
    );
  });

  it('property: monotonic in diff size', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.nat({ max: 500 }), (a, more) => {
        const policy = riskPolicyFor(a.environment);
        const smaller = assessRisk(toInput(a), policy).score;
        const larger = assessRisk(toInput({ ...a, diffSize: a.diffSize + more }), policy).score;
        expect(larger).toBeGreaterThanOrEqual(smaller);
      }),
      { numRuns: 300 },
    );
  });

  it('property: monotonic in rejections and rollbacks', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.nat({ max: 200 }), fc.nat({ max: 200 }), (a, rejections, rollbacks) => {
        const policy = riskPolicyFor(a.environment);
        const before = assessRisk(toInput(a), policy).score;
        const worse = {
          ...a.trackRecord,
          rejected: a.trackRecord.rejected + rejections,
          rolledBack: a.trackRecord.rolledBack + rollbacks,
        };
        expect(assessRisk(toInput({ ...a, trackRecord: worse }), policy).score).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});

describe('tiers', () => {
  it('puts the boundaries exactly where the table says (20/21, 40/41, 60/61, 80/81)', () => {
    const expected: [number, ApprovalTier][] = [
      [0, 'auto'],
      [20, 'auto'],
      [21, 'auto-notify'],
      [40, 'auto-notify'],
      [41, 'one-reviewer'],
      [60, 'one-reviewer'],
      [61, 'two-reviewers'],
      [80, 'two-reviewers'],
      [81, 'security-review'],
      [100, 'security-review'],
    ];
    for (const [score, tier] of expected) expect([score, tierFor(score, DEFAULT_THRESHOLDS)]).toEqual([score, tier]);
  });

  it('puts every score 0..100 in the tier of its table row (all 101 scores)', () => {
    const tiers: ApprovalTier[] = ['auto', 'auto-notify', 'one-reviewer', 'two-reviewers', 'security-review'];
    for (let score = 0; score <= 100; score++) {
      const row = score <= 20 ? 0 : score <= 40 ? 1 : score <= 60 ? 2 : score <= 80 ? 3 : 4;
      expect([score, tierFor(score, riskPolicyFor('staging').thresholds)]).toEqual([score, tiers[row]]);
    }
  });

  it('is stricter in production and configurable per environment', () => {
    expect(riskPolicyFor('production').thresholds).toEqual({
      auto: 15,
      autoNotify: 35,
      oneReviewer: 55,
      twoReviewers: 75,
    });
    expect(tierFor(16, riskPolicyFor('production').thresholds)).toBe('auto-notify');
    const custom = riskPolicyFor('staging', { thresholds: { auto: 0 } });
    expect(custom.thresholds).toEqual({ ...DEFAULT_THRESHOLDS, auto: 0 });
    expect(tierFor(1, custom.thresholds)).toBe('auto-notify');
    expect(() => riskPolicyFor('staging', { thresholds: { autoNotify: 90 } })).toThrow(RiskPolicyError);
    expect(() => riskPolicyFor('staging', { thresholds: { auto: -1 } })).toThrow(RiskPolicyError);
  });
});
