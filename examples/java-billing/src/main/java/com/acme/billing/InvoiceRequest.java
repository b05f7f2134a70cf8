package com.acme.billing;

/** One line of the order system's daily export: {@code id,customerId,amount,currency,region}. */
public record InvoiceRequest(String id, String customerId, String amount, String currency, String region) {
  public static InvoiceRequest parse(String line) {
    String[] fields = line.split(",", -1);
    if (fields.length != 5) throw new IllegalArgumentException("expected 5 fields: " + line);
    return new InvoiceRequest(fields[0].trim(), fields[1].trim(), fields[2].trim(), fields[3].trim(), fields[4].trim());
  }
}
