import { describe, expect, it } from 'vitest';
import { PathMapper } from './pathMapper.ts';

const files = [
  'src/pricing.ts',
  'src/orders/handler.py',
  'test/fixtures/src/pricing.ts',
  'lib/util.js',
  'node_modules/x/lib/util.js',
];

describe('PathMapper', () => {
  it('maps a production path by the longest path suffix', () => {
    const mapper = new PathMapper(files);
    expect(mapper.map('/app/src/orders/handler.py')).toBe('src/orders/handler.py');
    expect(mapper.map('/srv/orders/src/pricing.ts')).toBe('src/pricing.ts');
    expect(mapper.map('/var/task/lib/util.js')).toBe('lib/util.js');
  });

  it('prefers explicit mappings', () => {
    const mapper = new PathMapper(files, [{ from: '/opt/build/', to: 'test/fixtures/' }]);
    expect(mapper.map('/opt/build/src/pricing.ts')).toBe('test/fixtures/src/pricing.ts');
  });

  it('returns null when no repository file has that name', () => {
    expect(new PathMapper(files).map('/var/task/dist/pricing.js')).toBeNull();
  });

  it('never maps into node_modules', () => {
    expect(new PathMapper(['node_modules/x/lib/util.js']).map('/var/task/node_modules/x/lib/util.js')).toBeNull();
  });
});
