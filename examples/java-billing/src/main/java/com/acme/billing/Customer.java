package com.acme.billing;

/** A billed customer; {@code discountPercent} is their contractual discount on every invoice (0-100). */
public record Customer(String id, String name, int discountPercent) {}
