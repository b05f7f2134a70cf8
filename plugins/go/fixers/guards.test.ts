import { afterAll, describe, expect, it } from 'vitest';
import { lenGuardFixer } from './lenGuard.ts';
import { mapOkLookupFixer } from './mapOkLookup.ts';
import { mutexGuardFixer } from './mutexGuard.ts';
import { changedLines, crashGo, GoSnippetDir, rerunPatched } from './testing/goCrash.ts';
import { zeroGuardFixer } from './zeroGuard.ts';

const dir = new GoSnippetDir();
afterAll(() => dir.remove());

/** Every proposal must stop the panic when the patched program runs again. */
function expectHealed(proposals: ReturnType<typeof lenGuardFixer.propose>, output: string): void {
  expect(proposals.length).toBeGreaterThan(0);
  for (const proposal of proposals) {
    const rerun = rerunPatched(dir, proposal);
    expect(rerun.output).not.toMatch(/^(panic|fatal error):/m);
    expect(rerun.status).toBe(0);
    expect(rerun.output).toContain(output);
  }
}

describe('len-guard', () => {
  it('checks an index against len() (index out of range [3] with length 2)', () => {
    const source = `package main

import "fmt"

func leg(legs []string, i int) string {
	return legs[i]
}

func main() {
	fmt.Println(leg([]string{"a", "b"}, 1))
	fmt.Println(leg([]string{"a", "b"}, 3) + "|done")
}
`;
    const crashed = crashGo(dir, source);
    expect(crashed.message).toBe('runtime error: index out of range [3] with length 2');
    const proposals = lenGuardFixer.propose(crashed.ctx);
    expect(proposals.map(changedLines)).toEqual([['+\tif i < 0 || i >= len(legs) {', '+\t\treturn ""', '+\t}']]);
    expectHealed(proposals, '|done');
  });

  it('checks a slice bound against cap() when the runtime reports the capacity', () => {
    const source = `package main

import "fmt"

func header(buf []byte, n int) ([]byte, error) {
	head := buf[:n]
	return head, nil
}

func main() {
	fmt.Println(header(make([]byte, 3), 5))
}
`;
    const crashed = crashGo(dir, source);
    expect(crashed.message).toBe('runtime error: slice bounds out of range [:5] with capacity 3');
    const proposals = lenGuardFixer.propose(crashed.ctx);
    expect(proposals.map(changedLines)[0]).toEqual([
      '+import "errors"',
      '+\tif n > cap(buf) {',
      '+\t\treturn nil, errors.New("header: slice of buf out of range")',
      '+\t}',
    ]);
    expectHealed(proposals, 'header: slice of buf out of range');
  });

  it('writes nothing from the captures: a crafted capture only fails to pick a node', () => {
    const source = `package main

import "fmt"

func main() {
	xs := []int{1}
	i := 4
	fmt.Println(xs[i])
}
`;
    const crashed = crashGo(dir, source);
    const crafted = { ...crashed.ctx, captures: { index: '0]; os.Exit(0); _ = xs[0', limit: 'capacity); os.Exit(0' } };
    const proposals = lenGuardFixer.propose(crafted);
    const after = proposals.map((p) => p.edits[0]!.after).join('\n');
    expect(after).not.toContain('os.Exit');
    expect(proposals.map(changedLines)).toEqual([['+\tif i < 0 || i >= len(xs) {', '+\t\treturn', '+\t}']]);
  });

  it('guards the slice index on the line, never the map index (a missing key is not out of range)', () => {
    const source = `package main

import "fmt"

func main() {
	rates := map[string]int{}
	legs := []int{}
	fmt.Println(rates["de"], legs[rates["de"]])
}
`;
    const crashed = crashGo(dir, source);
    const proposals = lenGuardFixer.propose(crashed.ctx);
    expect(proposals.map(changedLines)).toEqual([
      ['+\tif rates["de"] < 0 || rates["de"] >= len(legs) {', '+\t\treturn', '+\t}'],
    ]);
  });
});

describe('zero-guard', () => {
  it('returns early when the divisor is zero (integer divide by zero)', () => {
    const source = `package main

import "fmt"

func perParcel(total, parcels int) int {
	return total / parcels
}

func main() {
	fmt.Println(perParcel(100, 4))
	fmt.Println(perParcel(100, 0))
}
`;
    const crashed = crashGo(dir, source);
    expect(crashed.ctx.category).toBe('division-by-zero');
    const proposals = zeroGuardFixer.propose(crashed.ctx);
    expect(proposals.map(changedLines)).toEqual([['+\tif parcels == 0 {', '+\t\treturn 0', '+\t}']]);
    expectHealed(proposals, '25\n0\n');
  });

  it('refuses a literal divisor', () => {
    const source = `package main

import "fmt"

func main() {
	var xs []int
	fmt.Println(len(xs)/2, xs[0])
}
`;
    const crashed = crashGo(dir, source);
    expect(zeroGuardFixer.propose(crashed.ctx)).toEqual([]);
  });
});

describe('map-ok-lookup', () => {
  it('turns a lookup used as non-zero into a comma-ok lookup', () => {
    const source = `package main

import "fmt"

type Carrier struct{ PerKg float64 }

var carriers = map[string]*Carrier{"ups": {PerKg: 2}}

func price(name string, kg float64) (float64, error) {
	c := carriers[name]
	return c.PerKg * kg, nil
}

func main() {
	fmt.Println(price("ups", 2))
	fmt.Println(price("dhl", 2))
}
`;
    const crashed = crashGo(dir, source);
    expect(crashed.ctx.category).toBe('null-reference');
    const proposals = mapOkLookupFixer.propose(crashed.ctx);
    expect(proposals.map(changedLines)).toEqual([
      [
        '+import "errors"',
        '-\tc := carriers[name]',
        '+\tc, ok := carriers[name]',
        '+\tif !ok {',
        '+\t\treturn 0, errors.New("price: no carriers entry for the key")',
        '+\t}',
      ],
    ]);
    expectHealed(proposals, 'price: no carriers entry for the key');
  });

  it('makes a nil map before writing to it (assignment to entry in nil map)', () => {
    const source = `package main

import "fmt"

type Tally struct {
	counts map[string]int
}

func (t *Tally) Add(carrier string) {
	t.counts[carrier]++
}

func main() {
	t := &Tally{}
	t.Add("ups")
	fmt.Println(t.counts)
}
`;
    const crashed = crashGo(dir, source);
    expect(crashed.message).toBe('assignment to entry in nil map');
    const proposals = mapOkLookupFixer.propose(crashed.ctx);
    expect(proposals.map(changedLines)).toEqual([
      ['+\tif t.counts == nil {', '+\t\tt.counts = make(map[string]int)', '+\t}'],
    ]);
    expectHealed(proposals, 'map[ups:1]');
  });
});

describe('mutex-guard', () => {
  it('adds a mutex beside the map field and locks every access (concurrent map writes)', () => {
    const source = `package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	quotes map[int]int
}

func (c *Cache) Put(k, v int) {
	c.quotes[k] = v
}

func (c *Cache) Get(k int) int {
	return c.quotes[k]
}

func main() {
	c := &Cache{quotes: map[int]int{}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1000000; i++ {
				c.Put(i%64, g)
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("entries", len(c.quotes), c.Get(1) >= 0)
}
`;
    const crashed = crashGo(dir, source);
    expect(crashed).toMatchObject({ errorType: 'fatal error', message: 'concurrent map writes' });
    expect(crashed.ctx.category).toBe('concurrency');
    const proposals = mutexGuardFixer.propose(crashed.ctx);
    expect(proposals.map(changedLines)).toEqual([
      [
        '+\tquotesMu sync.Mutex',
        '+\tc.quotesMu.Lock()',
        '+\tc.quotesMu.Unlock()',
        '+\tc.quotesMu.Lock()',
        '+\tdefer c.quotesMu.Unlock()',
      ],
    ]);
    expectHealed(proposals, 'entries 64 true');
  });
});
