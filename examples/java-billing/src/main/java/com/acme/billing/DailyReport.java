package com.acme.billing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The daily revenue report, from the ledger lines of one day ({@code day,invoiceId,customerId,totalCents}). */
public record DailyReport(String day, int invoices, long totalCents, long averageCents) {
  public static DailyReport of(String day, List<String> ledgerLines) {
    int count = 0;
    long total = 0;
    for (String line : ledgerLines) {
      String[] fields = line.split(",");
      if (!fields[0].equals(day)) continue;
      count++;
      total += Long.parseLong(fields[3]);
    }
    long average = total / count;
    return new DailyReport(day, count, total, average);
  }

  public static DailyReport fromLedger(Path ledger, String day) throws IOException {
    List<String> lines = Files.exists(ledger) ? Files.readAllLines(ledger) : List.of();
    return of(day, lines);
  }
}
