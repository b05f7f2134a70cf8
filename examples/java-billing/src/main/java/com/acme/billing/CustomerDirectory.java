package com.acme.billing;

import java.util.Map;

/** The customers billing knows about (loaded from the CRM export at start-up). */
public final class CustomerDirectory {
  private final Map<String, Customer> byId;

  public CustomerDirectory(Map<String, Customer> byId) {
    this.byId = Map.copyOf(byId);
  }

  public static CustomerDirectory standard() {
    return new CustomerDirectory(
        Map.of(
            "cus_1001", new Customer("cus_1001", "Nordwind GmbH", 0),
            "cus_1002", new Customer("cus_1002", "Atelier Roux", 5),
            "cus_1003", new Customer("cus_1003", "Van Dijk Logistics", 10),
            "cus_1004", new Customer("cus_1004", "Costa Azul Lda", 0),
            "cus_1005", new Customer("cus_1005", "Kowalski & Syn", 15)));
  }

  /** The customer with this id, or null when the CRM export does not have it. */
  public Customer find(String id) {
    return byId.get(id);
  }
}
