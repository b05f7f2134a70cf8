package com.acme.billing;

/** Parses amounts as they arrive from the order system ("12.50", "7", "0.5") into integer cents. */
public final class CurrencyParser {
  private CurrencyParser() {}

  public static long toCents(String amount) {
    String[] parts = amount.trim().split("\\.", -1);
    long units = Long.parseLong(parts[0]);
    if (parts.length == 1) return units * 100;
    String fraction = (parts[1] + "00").substring(0, 2);
    return units * 100 + Integer.parseInt(fraction);
  }

  public static String format(long cents, String currency) {
    return String.format("%d.%02d %s", cents / 100, cents % 100, currency);
  }
}
