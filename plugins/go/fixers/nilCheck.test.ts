import { afterAll, describe, expect, it } from 'vitest';
import { nilCheckFixer } from './nilCheck.ts';
import { changedLines, crashGo, GoSnippetDir, rerunPatched } from './testing/goCrash.ts';

const dir = new GoSnippetDir();
afterAll(() => dir.remove());

const QUOTE = `package main

import "fmt"

type Rate struct{ PerKg float64 }

type Carrier struct {
	Name string
	Rate *Rate
}

func quote(c *Carrier, kg float64) (float64, error) {
	price := c.Rate.PerKg * kg
	return price, nil
}

func main() {
	fmt.Println(quote(&Carrier{Name: "ups", Rate: &Rate{PerKg: 2}}, 3))
	fmt.Println(quote(&Carrier{Name: "dhl"}, 3))
}
`;

describe('nil-check', () => {
  it('guards the pointers dereferenced on the panicking line, returning zero values and an error', () => {
    const crashed = crashGo(dir, QUOTE);
    expect(crashed).toMatchObject({
      errorType: 'runtime.Error',
      message: 'runtime error: invalid memory address or nil pointer dereference',
    });
    expect(crashed.ctx.category).toBe('null-reference');
    expect(crashed.ctx.target.line).toBe(13);
    const proposals = nilCheckFixer.propose(crashed.ctx);
    expect(proposals.map(changedLines)).toEqual([
      [
        '+import "errors"',
        '+\tif c == nil || c.Rate == nil {',
        '+\t\treturn 0, errors.New("quote: c or c.Rate is nil")',
        '+\t}',
      ],
      ['+import "errors"', '+\tif c.Rate == nil {', '+\t\treturn 0, errors.New("quote: c.Rate is nil")', '+\t}'],
    ]);
    for (const proposal of proposals) {
      const rerun = rerunPatched(dir, proposal);
      expect(rerun.output).not.toContain('panic:');
      expect(rerun.output).toContain('6 <nil>');
      expect(rerun.status).toBe(0);
    }
  });

  it('refuses a line that dereferences nothing it could guard (package calls, struct values)', () => {
    const source = `package main

import "fmt"

type Parcel struct{ Weight int }

func main() {
	p := Parcel{Weight: 2}
	var legs []int
	fmt.Println(p.Weight, legs[p.Weight])
}
`;
    const crashed = crashGo(dir, source);
    expect(crashed.ctx.category).toBe('index-out-of-range');
    expect(nilCheckFixer.propose(crashed.ctx)).toEqual([]);
  });
});
