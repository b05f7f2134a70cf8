package examples;

import java.util.HashMap;
import java.util.Map;

/**
 * Cases compiled with -g:none (no local variable table, as some release builds are): helpful NullPointerException
 * messages then name locals `<local1>`. Same output format as RuleExamples.
 */
public final class NoDebugInfo {
  static final class Invoice {
    String currency;
    long[] lines;
  }

  static Invoice lookup(String id) {
    return new HashMap<String, Invoice>().get(id);
  }

  static int runCase(String name) {
    switch (name) {
      case "npeReadFieldOfLookupNoDebug": {
        Invoice invoice = lookup("inv_1");
        return invoice.currency.length() + invoice.hashCode();
      }
      case "npeInvokeOnParameterNoDebug":
        return describe(null).length();
      case "npeLoadFromArrayNoDebug": {
        long[] lines = lookup("inv_2") == null ? null : new long[1];
        return (int) lines[0];
      }
      case "npeReadFieldNoDebug": {
        Invoice invoice = lookup("inv_3");
        return invoice.lines.length;
      }
      case "npeUnboxLocalNoDebug": {
        Map<String, Integer> counts = new HashMap<>();
        Integer count = counts.get("x");
        return count + 1;
      }
      default:
        throw new IllegalArgumentException("no case " + name);
    }
  }

  static String describe(String text) {
    return text.trim();
  }

  static final String[] CASES = {
    "npeReadFieldOfLookupNoDebug", "npeInvokeOnParameterNoDebug", "npeLoadFromArrayNoDebug", "npeReadFieldNoDebug",
    "npeUnboxLocalNoDebug",
  };

  public static void main(String[] args) {
    for (String name : args.length > 0 ? args : CASES) {
      String result;
      try {
        runCase(name);
        result = "\"threw\": false";
      } catch (Throwable error) {
        String message = error.getMessage();
        result = "\"threw\": true, \"errorType\": " + RuleExamples.quote(error.getClass().getName()) + ", \"message\": "
            + RuleExamples.quote(message == null ? "" : message);
      }
      System.out.println("{\"name\": " + RuleExamples.quote(name) + ", " + result + "}");
    }
  }
}
