package com.acme.billing;

/** An issued invoice; amounts in cents. */
public record Invoice(
    String id, String customerId, long netCents, long discountCents, long taxCents, String currency) {
  public long totalCents() {
    return netCents - discountCents + taxCents;
  }
}
