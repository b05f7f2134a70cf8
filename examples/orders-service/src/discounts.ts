/** Marketing discount codes. Codes are case-insensitive and customers often paste them with spaces around. */
export interface DiscountCode {
  percent: number;
  description: string;
}

export const DISCOUNTS: Record<string, DiscountCode> = {
  WELCOME10: { percent: 10, description: 'First order' },
  SPRING15: { percent: 15, description: 'Spring campaign' },
  LOYAL5: { percent: 5, description: 'Newsletter subscribers' },
};

/** `amount` in cents after the code's discount, rounded to the nearest cent. */
export function applyDiscount(amount: number, code: string): number {
  const percent = DISCOUNTS[code.trim().toUpperCase()].percent;
  return amount - Math.round((amount * percent) / 100);
}
