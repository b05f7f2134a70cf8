package com.acme.billing;

import java.util.ArrayList;
import java.util.List;

/** The billing tests: a tiny runner (no JUnit on the build machines), one method per behaviour, exit 1 on failure. */
public final class TestMain {
  private interface Test {
    void run() throws Exception;
  }

  private static final List<String> failures = new ArrayList<>();
  private static int passed;

  static void check(boolean condition, String what) {
    if (!condition) throw new AssertionError(what);
  }

  static void equal(Object expected, Object actual, String what) {
    if (!expected.equals(actual)) throw new AssertionError(what + ": expected " + expected + " but was " + actual);
  }

  private static void test(String name, Test test) {
    try {
      test.run();
      passed++;
      System.out.println("ok   " + name);
    } catch (Throwable e) {
      failures.add(name);
      System.out.println("FAIL " + name + ": " + e);
    }
  }

  public static void main(String[] args) {
    test("parses whole and decimal amounts into cents", () -> {
      equal(1250L, CurrencyParser.toCents("12.50"), "12.50");
      equal(700L, CurrencyParser.toCents("7"), "7");
      equal(50L, CurrencyParser.toCents("0.5"), "0.5");
      equal(99L, CurrencyParser.toCents(" 0.99 "), "padded");
    });
    test("formats cents with the currency", () -> equal("12.05 EUR", CurrencyParser.format(1205, "EUR"), "format"));
    test("VAT of the billing region, rounded half up", () -> {
      equal(190L, TaxCalculator.taxFor(1000, "DE"), "DE 19%");
      equal(230L, TaxCalculator.taxFor(1000, "PT"), "PT 23% of 10.00 is 2.30");
      equal(1L, TaxCalculator.taxFor(3, "FR"), "FR 20% of 0.03 rounds to 0.01");
    });
    test("invoices apply the customer discount before VAT", () -> {
      InvoiceService service = new InvoiceService(CustomerDirectory.standard());
      Invoice invoice = service.create(InvoiceRequest.parse("INV-1,cus_1003,200.00,EUR,NL"));
      equal(20000L, invoice.netCents(), "net");
      equal(2000L, invoice.discountCents(), "10% discount");
      equal(3780L, invoice.taxCents(), "21% of 180.00");
      equal(21780L, invoice.totalCents(), "total");
    });
    test("an unparseable amount is a BillingException that keeps the cause", () -> {
      InvoiceService service = new InvoiceService(CustomerDirectory.standard());
      try {
        service.create(InvoiceRequest.parse("INV-2,cus_1001,12.5x,EUR,DE"));
        throw new AssertionError("expected a BillingException");
      } catch (BillingException e) {
        check(e.getCause() instanceof NumberFormatException, "cause is the NumberFormatException");
      }
    });
    test("the job skips a failing request and bills the rest", () -> {
      BillingJob job = new BillingJob(new InvoiceService(CustomerDirectory.standard()));
      List<Invoice> issued = job.run(List.of("INV-3,cus_1001,10.00,EUR,DE", "INV-4,cus_1002,abc,EUR,FR", "INV-5,cus_1004,5,EUR,PT"));
      equal(2, issued.size(), "issued");
      equal("INV-5", issued.get(1).id(), "second invoice");
    });
    test("the daily report sums and averages the day's ledger lines", () -> {
      DailyReport report = DailyReport.of("2024-05-14", List.of(
          "2024-05-14,INV-1,cus_1001,1190", "2024-05-13,INV-0,cus_1002,5000", "2024-05-14,INV-2,cus_1004,810"));
      equal(2, report.invoices(), "count");
      equal(2000L, report.totalCents(), "total");
      equal(1000L, report.averageCents(), "average");
    });
    System.out.println(passed + " passed, " + failures.size() + " failed");
    if (!failures.isEmpty()) System.exit(1);
  }
}
