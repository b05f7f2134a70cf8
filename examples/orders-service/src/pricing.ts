import { type Customer, TIER_DISCOUNT_PERCENT } from './customers.js';
import { applyDiscount } from './discounts.js';

/** All amounts are integer cents so sums never drift; each percentage step rounds to the nearest cent once. */
export interface Product {
  sku: string;
  name: string;
  unitPrice: number;
}

export interface OrderLine {
  sku: string;
  quantity: number;
}

export interface PricedLine extends OrderLine {
  name: string;
  unitPrice: number;
  lineTotal: number;
}

export interface PriceBreakdown {
  lines: PricedLine[];
  subtotal: number;
  tierDiscount: number;
  codeDiscount: number;
  tax: number;
  total: number;
}

export class PricingError extends Error {
  override name = 'PricingError';
}

export class UnknownProductError extends PricingError {
  override name = 'UnknownProductError';
  constructor(readonly sku: string) {
    super(`unknown product ${sku}`);
  }
}

const CATALOG = new Map<string, Product>(
  [
    { sku: 'MUG-001', name: 'Stoneware mug', unitPrice: 1450 },
    { sku: 'TEE-014', name: 'Organic cotton tee', unitPrice: 2400 },
    { sku: 'BAG-220', name: 'Canvas tote bag', unitPrice: 1899 },
    { sku: 'NB-007', name: 'Dot-grid notebook', unitPrice: 899 },
    { sku: 'LMP-310', name: 'Desk lamp', unitPrice: 5900 },
  ].map((product) => [product.sku, product]),
);

/** Sales tax by region (state base rates, 2024); regions we do not collect tax for are 0. */
const TAX_RATES: Record<string, number> = { 'US-CA': 0.0725, 'US-NY': 0.04, 'US-TX': 0.0625, 'US-WA': 0.065 };

export function findProduct(sku: string): Product {
  const product = CATALOG.get(sku);
  if (product === undefined) throw new UnknownProductError(sku);
  return product;
}

export function lineTotal(unitPrice: number, quantity: number): number {
  return unitPrice * quantity;
}

export function taxFor(amount: number, region: string): number {
  return Math.round(amount * (TAX_RATES[region] ?? 0));
}

/** Subtotal, then the customer's tier discount, then the discount code, then tax on what is left. */
export function priceOrder(orderLines: OrderLine[], customer: Customer, discountCode?: string): PriceBreakdown {
  const lines = orderLines.map((line) => {
    const product = findProduct(line.sku);
    const total = lineTotal(product.unitPrice, line.quantity);
    return { ...line, name: product.name, unitPrice: product.unitPrice, lineTotal: total };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const tierDiscount = Math.round((subtotal * TIER_DISCOUNT_PERCENT[customer.tier]) / 100);
  const afterTier = subtotal - tierDiscount;
  const afterCode = discountCode ? applyDiscount(afterTier, discountCode) : afterTier;
  const tax = taxFor(afterCode, customer.region);
  return { lines, subtotal, tierDiscount, codeDiscount: afterTier - afterCode, tax, total: afterCode + tax };
}
