import { randomUUID } from 'node:crypto';
import { getCustomer } from './customers.js';
import type { Logger } from './logger.js';
import type { PaymentGateway } from './payments.js';
import { type OrderLine, type PriceBreakdown, priceOrder } from './pricing.js';

export interface OrderRequest {
  customerId: string;
  lines: OrderLine[];
  discountCode?: string;
}

export interface Order extends PriceBreakdown {
  id: string;
  customerId: string;
  discountCode: string | null;
  paymentId: string;
  /** ISO 8601, UTC. */
  createdAt: string;
}

export class OrderError extends Error {
  override name = 'OrderError';
}

export class InvalidOrderError extends OrderError {
  override name = 'InvalidOrderError';
}

/** A storefront cart holds at most 50 lines of at most 99 units each (cart service limits). */
const MAX_LINES = 50;
const MAX_QUANTITY = 99;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseLine(value: unknown, index: number): OrderLine {
  if (!isRecord(value) || typeof value.sku !== 'string') {
    throw new InvalidOrderError(`lines[${index}].sku must be a string`);
  }
  const quantity = value.quantity;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new InvalidOrderError(`lines[${index}].quantity must be an integer from 1 to ${MAX_QUANTITY}`);
  }
  return { sku: value.sku, quantity };
}

/** The body of `POST /orders`. */
export function parseOrderRequest(body: string): OrderRequest {
  const data: unknown = JSON.parse(body);
  if (!isRecord(data)) throw new InvalidOrderError('order request must be a JSON object');
  if (typeof data.customerId !== 'string' || data.customerId === '') {
    throw new InvalidOrderError('customerId must be a non-empty string');
  }
  if (!Array.isArray(data.lines) || data.lines.length === 0 || data.lines.length > MAX_LINES) {
    throw new InvalidOrderError(`lines must be an array of 1 to ${MAX_LINES} items`);
  }
  if (data.discountCode !== undefined && typeof data.discountCode !== 'string') {
    throw new InvalidOrderError('discountCode must be a string');
  }
  const lines = data.lines.map(parseLine);
  return { customerId: data.customerId, lines, discountCode: data.discountCode };
}

/** Orders kept in memory; the production deployment swaps this for the orders table. */
export class OrderStore {
  private readonly orders = new Map<string, Order>();

  add(order: Order): void {
    this.orders.set(order.id, order);
  }

  get(id: string): Order | undefined {
    return this.orders.get(id);
  }

  /** Orders created on a UTC calendar day, `YYYY-MM-DD`. */
  createdOn(day: string): Order[] {
    return [...this.orders.values()].filter((order) => order.createdAt.startsWith(day));
  }
}

export interface OrderDeps {
  store: OrderStore;
  payments: PaymentGateway;
  log: Logger;
  now?: () => Date;
}

export async function createOrder(body: string, deps: OrderDeps): Promise<Order> {
  const request = parseOrderRequest(body);
  const customer = getCustomer(request.customerId);
  const price = priceOrder(request.lines, customer, request.discountCode);
  const id = `ord_${randomUUID().slice(0, 8)}`;
  const paymentId = await deps.payments.authorize(price.total, id, deps.log);
  const order: Order = {
    id,
    customerId: customer.id,
    discountCode: request.discountCode ?? null,
    paymentId,
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
    ...price,
  };
  deps.store.add(order);
  deps.log.info('order created', {
    orderId: id,
    customerId: customer.id,
    total: order.total,
    items: order.lines.length,
  });
  return order;
}
