import { describe, expect, it } from 'vitest';
import { deliveryMayContinue } from '../../../core/limits/admitDelivery.ts';
import type { ControlStore } from '../../../core/limits/controlStore.ts';

/** `count` handles on one fresh, empty backend (one SQLite file, one DynamoDB table), as separate processes would have. */
export type ControlStoreFactory = (handles: number) => Promise<ControlStore[]>;

const AT = new Date('2026-03-01T10:15:00Z');
const LATER_SAME_HOUR = new Date('2026-03-01T10:59:59.999Z');
const NEXT_HOUR = new Date('2026-03-01T11:00:00Z');

async function one(factory: ControlStoreFactory): Promise<ControlStore> {
  const [store] = await factory(1);
  if (!store) throw new Error('factory returned no store');
  return store;
}

/** The behaviour both control stores promise; run by the SQLite test and the DynamoDB-on-moto test. */
export function describeControlStore(
  name: string,
  factory: ControlStoreFactory,
  options: { concurrentBackend: boolean } = { concurrentBackend: true },
): void {
  describe(`${name} (control store contract)`, () => {
    it('has no kill switch until one is set, then reports who set it, when and why', async () => {
      const store = await one(factory);
      expect(await store.killSwitch()).toBeNull();
      await store.setKillSwitch(true, 'alice', 'bad deploy in eu-west-1');
      const on = await store.killSwitch();
      expect(on).toMatchObject({ on: true, by: 'alice', reason: 'bad deploy in eu-west-1' });
      expect(Number.isNaN(Date.parse(on?.at ?? ''))).toBe(false);
      await store.setKillSwitch(false, 'bob', 'fixed');
      expect(await store.killSwitch()).toMatchObject({ on: false, by: 'bob', reason: 'fixed' });
    });

    it('takes up to max per hour, then refuses; another hour and another kind count apart', async () => {
      const store = await one(factory);
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await store.take('deployment', i < 3 ? AT : LATER_SAME_HOUR, 3));
      expect(results).toEqual([true, true, true, false, false]);
      expect(await store.count('deployment', AT)).toBe(3);
      expect(await store.count('deployment', LATER_SAME_HOUR)).toBe(3);
      expect(await store.take('deployment', NEXT_HOUR, 3)).toBe(true);
      expect(await store.count('deployment', NEXT_HOUR)).toBe(1);
      expect(await store.count('patch', AT)).toBe(0);
      expect(await store.take('patch', AT, 1)).toBe(true);
      expect(await store.take('patch', AT, 1)).toBe(false);
      expect(await store.count('healing', AT)).toBe(0);
    });

    it('refuses everything when max is 0, and a lower max than the count already taken', async () => {
      const store = await one(factory);
      expect(await store.take('healing', AT, 0)).toBe(false);
      expect(await store.count('healing', AT)).toBe(0);
      for (let i = 0; i < 4; i++) expect(await store.take('healing', AT, 10)).toBe(true);
      expect(await store.take('healing', AT, 4)).toBe(false);
      expect(await store.take('healing', AT, 2)).toBe(false);
      expect(await store.count('healing', AT)).toBe(4);
    });

    it('never counts past max with 20 callers on 4 handles', async () => {
      const stores = await factory(4);
      const max = 7;
      const take = (i: number) => stores[i % stores.length]?.take('healing', AT, max);
      // A backend that serializes conditional writes is called in parallel; one that does not (moto, see the
      // DynamoDB test) in turn, which still checks the condition, not the backend's atomicity.
      const results = options.concurrentBackend
        ? await Promise.all(Array.from({ length: 20 }, (_, i) => take(i)))
        : await Array.from({ length: 20 }, (_, i) => i).reduce<Promise<(boolean | undefined)[]>>(
            async (done, i) => [...(await done), await take(i)],
            Promise.resolve([]),
          );
      expect(results.filter((r) => r === true)).toHaveLength(max);
      expect(results.filter((r) => r === false)).toHaveLength(20 - max);
      expect(await stores[0]?.count('healing', AT)).toBe(max);
    });

    it('stops a delivery in flight when the kill switch is turned on through another handle', async () => {
      const [delivery, operator] = await factory(2);
      if (!delivery || !operator) throw new Error('factory returned too few stores');
      expect(await deliveryMayContinue({ control: delivery })).toEqual({ continue: true });
      await operator.setKillSwitch(true, 'oncall', 'checkout errors rising');
      const answer = await deliveryMayContinue({ control: delivery });
      expect(answer).toMatchObject({ continue: false, limit: 'kill-switch' });
      expect(answer.continue === false && answer.detail).toContain('oncall');
      await operator.setKillSwitch(false, 'oncall', 'all clear');
      expect(await deliveryMayContinue({ control: delivery })).toEqual({ continue: true });
    });
  });
}
