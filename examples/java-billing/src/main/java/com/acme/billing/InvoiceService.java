package com.acme.billing;

/** Turns a request into an invoice: customer discount, then VAT of the customer's region. */
public final class InvoiceService {
  private final CustomerDirectory customers;

  public InvoiceService(CustomerDirectory customers) {
    this.customers = customers;
  }

  public Invoice create(InvoiceRequest request) {
    long net;
    try {
      net = CurrencyParser.toCents(request.amount());
    } catch (NumberFormatException e) {
      throw new BillingException("invalid amount for invoice " + request.id(), e);
    }
    Customer customer = customers.find(request.customerId());
    long discount = net * customer.discountPercent() / 100;
    long tax = TaxCalculator.taxFor(net - discount, request.region());
    return new Invoice(request.id(), request.customerId(), net, discount, tax, request.currency());
  }
}
