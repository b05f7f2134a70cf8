package com.acme.billing;

import java.util.Map;

/** VAT by billing region, in basis points (1900 = 19%). */
public final class TaxCalculator {
  static final Map<String, Integer> RATES =
      Map.of(
          "DE", 1900,
          "FR", 2000,
          "NL", 2100,
          "PT", 2300,
          "PL", 2300,
          "IE", 2300);

  private TaxCalculator() {}

  /** Tax on a net amount in cents, rounded half up to the cent. */
  public static long taxFor(long netCents, String region) {
    int basisPoints = RATES.get(region);
    return (netCents * basisPoints + 5_000) / 10_000;
  }
}
