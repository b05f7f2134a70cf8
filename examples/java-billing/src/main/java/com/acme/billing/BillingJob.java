package com.acme.billing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The nightly billing job. {@code run <requests.csv> <ledger.csv>} bills each request of the order system's export
 * (a failed request is logged and skipped) and appends the issued invoices to the ledger; {@code report
 * <ledger.csv> <day>} prints the day's revenue report.
 */
public final class BillingJob {
  private static final Logger LOG = BillingLog.get(BillingJob.class);

  private final InvoiceService invoices;

  public BillingJob(InvoiceService invoices) {
    this.invoices = invoices;
  }

  public List<Invoice> run(List<String> requestLines) {
    List<Invoice> issued = new ArrayList<>();
    for (String line : requestLines) {
      if (line.isBlank() || line.startsWith("#")) continue;
      InvoiceRequest request = InvoiceRequest.parse(line);
      try {
        Invoice invoice = invoices.create(request);
        issued.add(invoice);
        LOG.info(
            "invoice " + invoice.id() + " issued to " + invoice.customerId() + ": "
                + CurrencyParser.format(invoice.totalCents(), invoice.currency()));
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "invoice " + request.id() + " failed", e);
      }
    }
    return issued;
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("run")) {
      List<String> lines = Files.readAllLines(Path.of(args[1]));
      LOG.info("billing run started: " + lines.size() + " lines from " + Path.of(args[1]).getFileName());
      List<Invoice> issued = new BillingJob(new InvoiceService(CustomerDirectory.standard())).run(lines);
      appendToLedger(Path.of(args[2]), issued);
      LOG.info("billing run finished: " + issued.size() + " invoices issued");
    } else if (args.length == 3 && args[0].equals("report")) {
      LOG.info("daily report for " + args[2]);
      DailyReport report = DailyReport.fromLedger(Path.of(args[1]), args[2]);
      LOG.info(
          "daily report " + report.day() + ": " + report.invoices() + " invoices, total "
              + CurrencyParser.format(report.totalCents(), "EUR") + ", average "
              + CurrencyParser.format(report.averageCents(), "EUR"));
    } else {
      System.err.println("usage: BillingJob run <requests.csv> <ledger.csv> | report <ledger.csv> <day>");
      System.exit(2);
    }
  }

  private static void appendToLedger(Path ledger, List<Invoice> issued) throws IOException {
    StringBuilder lines = new StringBuilder();
    String day = LocalDate.now().toString();
    for (Invoice invoice : issued) {
      lines.append(day).append(',').append(invoice.id()).append(',').append(invoice.customerId()).append(',')
          .append(invoice.totalCents()).append('\n');
    }
    Files.writeString(ledger, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
