/** Customer directory. Tiers earn a standing discount on every order (see TIER_DISCOUNT_PERCENT). */
export type Tier = 'standard' | 'silver' | 'gold';

export interface Customer {
  id: string;
  name: string;
  email: string;
  tier: Tier;
  /** Tax region, ISO 3166-2 style (e.g. `US-CA`). */
  region: string;
}

/** Percent off the subtotal by tier, as agreed with sales for the 2024 loyalty programme. */
export const TIER_DISCOUNT_PERCENT: Record<Tier, number> = { standard: 0, silver: 5, gold: 10 };

const DIRECTORY: Customer[] = [
  { id: 'cus_1001', name: 'Ada Park', email: 'ada@example.com', tier: 'gold', region: 'US-CA' },
  { id: 'cus_1002', name: 'Bruno Silva', email: 'bruno@example.com', tier: 'standard', region: 'US-NY' },
  { id: 'cus_1003', name: 'Chen Wei', email: 'chen@example.com', tier: 'silver', region: 'US-TX' },
  { id: 'cus_1004', name: 'Dana Okafor', email: 'dana@example.com', tier: 'standard', region: 'US-OR' },
  { id: 'cus_1005', name: 'Emil Novak', email: 'emil@example.com', tier: 'silver', region: 'US-WA' },
];

const CUSTOMERS = new Map(DIRECTORY.map((customer) => [customer.id, customer]));

export function getCustomer(id: string): Customer {
  // Customer ids come from the storefront session, so they are always in the directory.
  return CUSTOMERS.get(id) as Customer;
}

export function listCustomerIds(): string[] {
  return [...CUSTOMERS.keys()];
}
