package com.example.shop;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Runs buggy methods for the accuracy benchmark: `java com.example.shop.App <mode> <bug> <input> <requestId> ...`.
 * logged: each case (bug, input, request id) in try/catch, printed as logback's default pattern prints it
 * (`%d %-5level [%thread] %logger{36} - %msg%n%ex`). uncaught: the first case, not caught. clean: INFO/WARN lines, and a handled error logged at WARN.
 * A line `@@case <n>` opens the output of case n.
 */
public final class App {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private App() {}

  private static void log(String level, String message, Throwable error) {
    StringBuilder line = new StringBuilder();
    line.append(TIME.format(LocalDateTime.now())).append(' ').append(String.format("%-5s", level));
    line.append(" [main] c.e.shop.App - ").append(message);
    System.out.println(line);
    if (error != null) {
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      System.out.print(trace);
    }
  }

  private static Object run(String bug, String input) {
    switch (bug) {
      case "total":
        return Pricing.total(input);
      case "displayName":
        return Users.displayName(input);
      case "slot":
        return Inventory.slot(input);
      case "quantity":
        return Inventory.quantity(input);
      default:
        throw new IllegalArgumentException("unknown bug " + bug);
    }
  }

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "clean";
    if (mode.equals("clean")) {
      log("INFO", "server started, error budget 0.1%", null);
      log("WARN", "requestId=r-100 retrying after error: upstream reset", null);
      log("INFO", "ErrorHandler registered for /api", null);
      try {
        Integer.parseInt("cached");
      } catch (NumberFormatException e) {
        // A handled error logged at WARN with its stack: not an error to heal.
        log("WARN", "requestId=r-102 cache entry unreadable, error ignored", e);
      }
      return;
    }
    if (mode.equals("uncaught")) {
      run(args[1], args[2]);
      return;
    }
    for (int i = 1, n = 0; i + 2 < args.length; i += 3, n++) {
      System.out.println("@@case " + n);
      log("INFO", "requestId=" + args[i + 2] + " request received", null);
      try {
        run(args[i], args[i + 1]);
      } catch (RuntimeException e) {
        log("ERROR", "requestId=" + args[i + 2] + " request failed", e);
      }
    }
    System.out.flush();
  }
}
