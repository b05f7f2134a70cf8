package examples;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Scanner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real Java 17 exceptions for the examples of java.rules.json. Each case triggers one exception the way application
 * code does; main runs them all (or the ones named on the command line) and prints one JSON line per case with the
 * class name and message the runtime reported. Compiled with -g (Maven's and Gradle's default, so helpful
 * NullPointerException messages name locals) and run with -ea -Xmx64m -XX:MaxDirectMemorySize=1m (see
 * collectExamples.ts); the classes Gone and GoneToo are deleted after compiling, as a missing jar would leave them.
 */
public final class RuleExamples {
  interface Case {
    void run() throws Throwable;
  }

  static final class Customer {
    String name;
    Address address;
    int[] scores;

    String tier() {
      return null;
    }
  }

  static final class Address {
    String city;
  }

  static final class Gone {
    static int answer() {
      return 42;
    }
  }

  static final class GoneToo {
    int value = 1;
  }

  static final class BadInit {
    static final int RATE = Integer.parseInt(System.getProperty("examples.rate", "x"));
  }

  enum Currency {
    EUR,
    USD
  }

  static Customer cachedCustomer;
  static final Map<String, Integer> STOCK = new HashMap<>(Map.of("MUG-001", 4));
  static final Map<String, Customer> CUSTOMERS = new HashMap<>();

  static Customer findCustomer(String id) {
    return CUSTOMERS.get(id);
  }

  static int depth(int n) {
    return depth(n + 1) + 1;
  }

  static long sum(List<Long> values, int from) {
    return values.get(from) + sum(values, from + 1) + 1;
  }

  private static final Map<String, Case> CASES = new LinkedHashMap<>();

  private static void add(String name, Case c) {
    CASES.put(name, c);
  }

  static {
    // First, before anything else (HttpClient, sockets) has used direct memory: the message reports what is allocated.
    add("outOfMemoryDirectBuffer", () -> ByteBuffer.allocateDirect(4 * 1024 * 1024));
    add("outOfMemoryDirectBufferTwoMegabytes", () -> ByteBuffer.allocateDirect(2 * 1024 * 1024));
    add("npeInvokeOnParameter", () -> greet(null));
    add("npeInvokeOnLocal", () -> {
      String code = System.getenv("EXAMPLES_NEVER_SET");
      code.trim();
    });
    add("npeInvokeOnField", () -> new Customer().name.toUpperCase());
    add("npeInvokeOnFieldOfLocal", () -> {
      Customer customer = new Customer();
      customer.address.city.length();
    });
    add("npeInvokeOnStaticField", () -> cachedCustomer.tier());
    add("npeInvokeOnMapGet", () -> {
      Map<String, String> names = new HashMap<>();
      names.get("cus_1").length();
    });
    add("npeInvokeOnHashMapGet", () -> {
      HashMap<String, Customer> byId = new HashMap<>();
      byId.get("cus_2").tier();
    });
    add("npeUnboxMapGet", () -> {
      int stock = STOCK.get("TEE-014");
      System.out.print(stock > 0 ? "" : "");
    });
    add("npeUnboxMapGetLong", () -> {
      Map<String, Long> totals = new HashMap<>();
      long total = totals.get("2024-05-14") * 2;
      System.out.print(total > 0 ? "" : "");
    });
    add("npeInvokeOnReturnValue", () -> findCustomer("cus_9").tier());
    add("npeInvokeOnReturnValueOfMethod", () -> new Customer().tier().length());
    add("npeUnboxLocal", () -> {
      Integer quantity = null;
      int doubled = quantity * 2;
      System.out.print(doubled);
    });
    add("npeUnboxBooleanLocal", () -> {
      Boolean enabled = Boolean.getBoolean("x") ? Boolean.TRUE : null;
      if (enabled) System.out.print("");
    });
    add("npeReadField", () -> {
      Customer customer = findCustomer("cus_3");
      System.out.print(customer.name);
    });
    add("npeReadFieldOfField", () -> System.out.print(new Customer().address.city));
    add("npeAssignField", () -> {
      Customer customer = findCustomer("cus_4");
      customer.name = "Ada";
    });
    add("npeAssignFieldOfField", () -> new Customer().address.city = "Lyon");
    add("npeLoadFromIntArray", () -> {
      int[] totals = null;
      System.out.print(totals[0]);
    });
    add("npeLoadFromObjectArrayField", () -> {
      String[] lines = Boolean.getBoolean("x") ? new String[1] : null;
      System.out.print(lines[0]);
    });
    add("npeLoadFromFieldArray", () -> System.out.print(new Customer().scores[1]));
    add("npeStoreToIntArray", () -> new Customer().scores[0] = 3);
    add("npeStoreToObjectArray", () -> {
      Object[] row = null;
      row[0] = "x";
    });
    add("npeArrayLength", () -> System.out.print(new Customer().scores.length));
    add("npeArrayLengthLocal", () -> {
      byte[] payload = null;
      System.out.print(payload.length);
    });
    add("npeThrowNull", () -> {
      RuntimeException failure = null;
      throw failure;
    });
    add("npeThrowReturnedNull", () -> {
      throw failureFor("timeout");
    });
    add("npeSynchronizedOnField", () -> {
      synchronized (new Customer().address) {
        System.out.print("");
      }
    });
    add("npeSynchronizedNull", () -> {
      Object lock = null;
      synchronized (lock) {
        System.out.print("");
      }
    });
    add("npeRequireNonNull", () -> java.util.Objects.requireNonNull(findCustomer("cus_5")));
    add("npeOptionalOf", () -> Optional.of(findCustomer("cus_6")));
    add("npeListOfNull", () -> List.of("a", null));
    add("npeRequireNonNullMessage", () -> java.util.Objects.requireNonNull(null, "customerId must not be null"));
    add("npeRequireNonNullCustomer", () -> java.util.Objects.requireNonNull(findCustomer("cus_8"), "customer cannot be null"));
    add("npeSwitchOnNullString", () -> {
      String region = System.getenv("EXAMPLES_NEVER_SET");
      switch (region) {
        case "EU":
          System.out.print("");
          break;
        default:
          break;
      }
    });

    add("arrayIndexPastEnd", () -> {
      int[] rates = {5, 10, 20};
      System.out.print(rates[3]);
    });
    add("arrayIndexNegative", () -> {
      String[] parts = "a,b".split(",");
      System.out.print(parts[parts.length - 3]);
    });
    add("listIndexPastEnd", () -> new ArrayList<>(List.of("a", "b", "c")).get(3));
    add("listIndexOfEmpty", () -> new ArrayList<String>().get(0));
    add("immutableListIndex", () -> List.of(1, 2).get(5));
    add("listRemoveIndex", () -> new ArrayList<>(List.of("x")).remove(4));
    add("listSubList", () -> List.of(1, 2, 3).subList(1, 7));
    add("listSubListNegative", () -> new ArrayList<>(List.of(1, 2)).subList(-1, 1));
    add("stringCharAtNegative", () -> "EUR".charAt(-1));
    add("stringCharAt", () -> "EUR".charAt(5));
    add("stringSubstring", () -> "2024-05".substring(5, 10));
    add("stringSubstringBegin", () -> "abc".substring(-1));
    add("negativeArraySize", () -> {
      int count = "".length() - 1;
      System.out.print(new int[count].length);
    });

    add("negativeArraySizeObject", () -> {
      int size = "ab".length() - 5;
      System.out.print(new String[size].length);
    });
    add("intDivideByZero", () -> {
      int items = 0;
      System.out.print(100 / items);
    });
    add("longModuloByZero", () -> {
      long buckets = Long.parseLong("0");
      System.out.print(7L % buckets);
    });
    add("bigDecimalDivideByZero", () -> BigDecimal.TEN.divide(BigDecimal.ZERO));
    add("bigDecimalDivideByZeroScale", () -> BigDecimal.ONE.divide(BigDecimal.ZERO, 2, RoundingMode.HALF_UP));
    add("bigIntegerDivideByZero", () -> BigInteger.TEN.divide(BigInteger.ZERO));
    add("bigDecimalNonTerminating", () -> BigDecimal.ONE.divide(BigDecimal.valueOf(3)));
    add("bigDecimalNonTerminatingTax", () -> new BigDecimal("10.00").divide(new BigDecimal("7")));
    add("addExactOverflow", () -> Math.addExact(Integer.MAX_VALUE, 1));
    add("multiplyExactLongOverflow", () -> Math.multiplyExact(Long.MAX_VALUE, 2L));
    add("toIntExactOverflow", () -> Math.toIntExact(1L << 40));
    add("bigDecimalRoundingNecessary", () -> new BigDecimal("1.25").setScale(1, RoundingMode.UNNECESSARY));

    add("bigDecimalIntValueExact", () -> new BigDecimal("2.5").intValueExact());
    add("parseIntLetters", () -> Integer.parseInt("12a"));
    add("parseIntDecimal", () -> Long.parseLong("12.50"));
    add("parseIntEmpty", () -> Integer.parseInt(""));
    add("parseIntTooLarge", () -> Integer.parseInt("99999999999"));
    add("parseIntRadix", () -> Integer.parseInt("zz", 16));
    add("parseIntNull", () -> Integer.parseInt(null));
    add("parseLongNull", () -> Long.parseLong(null));
    add("parseDoubleLetters", () -> Double.parseDouble("12,50"));
    add("parseDoubleEmpty", () -> Double.parseDouble(""));
    add("parseFloatBlank", () -> Float.parseFloat("  "));
    add("bigDecimalComma", () -> new BigDecimal("1,5"));
    add("bigDecimalCurrencySymbol", () -> new BigDecimal("$12"));

    add("classCastStringToInteger", () -> {
      Object value = "42";
      Integer n = (Integer) value;
      System.out.print(n);
    });
    add("classCastToAppClass", () -> {
      Object value = List.of();
      Customer c = (Customer) value;
      System.out.print(c);
    });
    add("arrayStoreWrongType", () -> {
      Object[] names = new String[1];
      names[0] = 1;
    });

    add("arrayStoreString", () -> {
      Object[] amounts = new Integer[1];
      amounts[0] = "12.50";
    });
    add("enumValueOfUnknown", () -> Currency.valueOf("GBP"));
    add("enumValueOfLowercase", () -> Currency.valueOf("eur"));
    add("uriIllegalCharacter", () -> URI.create("https://example.com/a b"));
    add("uriIllegalQuery", () -> URI.create("http://h/p?q=|"));
    add("randomBoundNotPositive", () -> new java.util.Random(1).nextInt(0));
    add("illegalArgumentCapacity", () -> new ArrayList<String>(-1));
    add("illegalArgumentSleep", () -> Thread.sleep(-5));
    add("durationParse", () -> Duration.parse("5 minutes"));

    add("illegalStateDuplicateKey", () -> Stream.of("a", "a").collect(Collectors.toMap(s -> s, s -> 1)));
    add("illegalStateStreamReused", () -> {
      Stream<String> s = Stream.of("a");
      s.count();
      s.count();
    });
    add("illegalStateDuplicateCustomer", () -> Stream.of("cus_1:Ada", "cus_1:Grace")
        .collect(Collectors.toMap(s -> s.split(":")[0], s -> s.split(":")[1])));
    add("illegalStateStreamIteratorReused", () -> {
      Stream<String> s = Stream.of("a");
      s.iterator();
      s.forEach(System.out::print);
    });
    add("illegalStateIteratorRemove", () -> new ArrayList<>(List.of(1)).iterator().remove());
    add("illegalStateMatcher", () -> Pattern.compile("a").matcher("b").group());

    add("optionalGetEmpty", () -> Optional.empty().get());
    add("optionalOrElseThrowEmpty", () -> Optional.ofNullable(findCustomer("cus_7")).orElseThrow());
    add("iteratorNextEmpty", () -> new ArrayList<String>().iterator().next());
    add("listGetFirstOfEmptyIterator", () -> List.of().iterator().next());
    add("scannerNoLine", () -> new Scanner("").nextLine());
    add("scannerNoToken", () -> new Scanner("").next());

    add("concurrentModificationForEach", () -> {
      List<String> codes = new ArrayList<>(List.of("A", "B", "C"));
      for (String code : codes) {
        if (code.equals("A")) codes.remove(code);
      }
    });
    add("concurrentModificationMap", () -> {
      Map<String, Integer> counts = new HashMap<>(Map.of("a", 1, "b", 2));
      for (String key : counts.keySet()) counts.put(key + "x", 1);
    });
    add("illegalMonitorWait", () -> new Object().wait(1));
    add("illegalMonitorNotify", () -> new Object().notify());
    add("interruptedSleep", () -> {
      Thread.currentThread().interrupt();
      Thread.sleep(1000);
    });
    add("interruptedJoin", () -> {
      Thread.currentThread().interrupt();
      Thread.currentThread().join(1000);
    });

    add("fileNotFoundInputStream", () -> new FileInputStream("/srv/billing/rates/missing-rates.csv").close());
    add("fileNotFoundReader", () -> new java.io.FileReader("config/app.properties").close());
    add("fileIsDirectory", () -> new FileInputStream("/").close());
    add("noSuchFileReadString", () -> Files.readString(Path.of("/srv/billing/invoices/2024-05.json")));
    add("noSuchFileNewInputStream", () -> Files.newInputStream(Path.of("data/customers.csv")).close());
    add("noSuchFileCreateInMissingDir", () -> Files.createFile(Path.of("/proc/no-such-dir/x.txt")));
    add("permissionDeniedInputStream", () -> new FileInputStream("/proc/1/mem").close());
    add("permissionDeniedRandomAccess", () -> new java.io.RandomAccessFile("/proc/1/mem", "r").close());
    add("isDirectoryOutputStream", () -> new java.io.FileOutputStream("/tmp").close());
    add("accessDeniedNewOutputStream", () -> Files.newOutputStream(Path.of("/proc/1/mem")).close());
    add("accessDeniedCreateFile", () -> Files.createFile(Path.of("/sys/homeostasis-example")));
    add("eofReadInt", () -> new DataInputStream(new ByteArrayInputStream(new byte[2])).readInt());
    add("eofReadFully", () -> new DataInputStream(new ByteArrayInputStream(new byte[1])).readFully(new byte[8]));

    add("connectionRefusedSocket", () -> new Socket("127.0.0.1", closedPort()).close());
    add("connectionRefusedChannel", () -> SocketChannel.open(new InetSocketAddress("127.0.0.1", closedPort())).close());
    add("connectionRefusedHttpClient", () -> {
      HttpClient client = HttpClient.newHttpClient();
      client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort() + "/")).build(),
          HttpResponse.BodyHandlers.discarding());
    });
    add("socketReadTimeout", () -> {
      try (ServerSocket server = new ServerSocket(0); Socket socket = new Socket("127.0.0.1", server.getLocalPort())) {
        socket.setSoTimeout(50);
        socket.getInputStream().read();
      }
    });
    add("socketAcceptTimeout", () -> {
      try (ServerSocket server = new ServerSocket(0)) {
        server.setSoTimeout(50);
        server.accept();
      }
    });
    add("httpRequestTimeout", () -> silentServer(port -> HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rates")).timeout(Duration.ofMillis(100)).build(),
        HttpResponse.BodyHandlers.discarding())));
    add("httpPostTimeout", () -> silentServer(port -> HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invoices"))
            .timeout(Duration.ofMillis(100)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.discarding())));
    add("futureGetTimeout", () -> {
      FutureTask<String> task = new FutureTask<>(() -> "never run");
      task.get(10, TimeUnit.MILLISECONDS);
    });
    add("completableFutureGetTimeout", () -> new CompletableFuture<String>().get(10, TimeUnit.MILLISECONDS));
    add("bindAddressInUse", () -> {
      try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(first.getLocalPort())) {
        System.out.print(second.getLocalPort());
      }
    });
    add("bindAddressInUseChannel", () -> {
      try (ServerSocket first = new ServerSocket(0); ServerSocketChannel second = ServerSocketChannel.open()) {
        second.bind(new InetSocketAddress(first.getLocalPort()));
      }
    });
    add("connectionReset", () -> {
      try (ServerSocket server = new ServerSocket(0); Socket client = new Socket("127.0.0.1", server.getLocalPort())) {
        Socket accepted = server.accept();
        accepted.setSoLinger(true, 0);
        accepted.close();
        client.getInputStream().read();
      }
    });
    add("socketClosed", () -> {
      Socket socket = new Socket();
      socket.close();
      socket.getInputStream();
    });

    add("outOfMemoryHeap", () -> {
      List<long[]> blocks = new ArrayList<>();
      for (int i = 0; i < 64; i++) blocks.add(new long[2_000_000]);
      System.out.print(blocks.size());
    });
    add("outOfMemoryArraySize", () -> System.out.print(new long[Integer.MAX_VALUE].length));
    add("stackOverflowRecursion", () -> depth(0));
    add("stackOverflowListRecursion", () -> sum(new ArrayList<>(List.of(1L)) {
      @Override
      public Long get(int index) {
        return 1L;
      }
    }, 0));

    add("classNotFoundForName", () -> Class.forName("com.acme.billing.plugins.PdfRenderer"));
    add("classNotFoundLoader", () -> RuleExamples.class.getClassLoader().loadClass("org.postgresql.Driver"));
    add("noClassDefFoundStatic", () -> System.out.print(Gone.answer()));
    add("noClassDefFoundNew", () -> System.out.print(new GoneToo().value));
    add("noClassDefFoundInit", () -> {
      try {
        System.out.print(BadInit.RATE);
      } catch (ExceptionInInitializerError first) {
        System.out.print("");
      }
      System.out.print(BadInit.RATE);
    });
    add("exceptionInInitializer", () -> System.out.print(LateInit.RATE));
    add("noSuchMethodReflection", () -> RuleExamples.class.getMethod("render", String.class));
    add("noSuchConstructorReflection", () -> Customer.class.getDeclaredConstructor(int.class));
    add("noSuchPublicField", () -> Customer.class.getField("name"));
    add("noSuchFieldReflection", () -> Customer.class.getDeclaredField("email"));

    add("dateParseWrongFormat", () -> LocalDate.parse("05/14/2024"));
    add("dateParseInvalidMonth", () -> LocalDate.parse("2024-13-01"));
    add("dateParseInvalidDay", () -> LocalDate.parse("2023-02-30"));
    add("dateTimeParseTrailing", () -> LocalDateTime.parse("2024-05-14T10:15:30Z"));
    add("dateParsePattern", () -> LocalDate.parse("2024/05/14", DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    add("periodParse", () -> java.time.Period.parse("1 month"));
    add("patternUnclosedClass", () -> Pattern.compile("[a-z"));
    add("patternDanglingQuantifier", () -> Pattern.compile("*.csv"));

    add("assertWithMessage", () -> {
      int amount = -5;
      assert amount >= 0 : "amount must not be negative: " + amount;
    });
    add("assertWithoutMessage", () -> {
      List<String> lines = List.of();
      assert !lines.isEmpty();
    });
    add("unsupportedListOfAdd", () -> List.of("a").add("b"));
    add("unsupportedArraysAsListAdd", () -> Arrays.asList("a", "b").add("c"));
    add("unsupportedUnmodifiableMapPut", () -> java.util.Collections.unmodifiableMap(new HashMap<String, String>()).put("k", "v"));
    add("unsupportedIteratorRemove", () -> {
      Iterator<Integer> it = List.of(1).iterator();
      it.next();
      it.remove();
    });
  }

  static final class LateInit {
    static final int RATE = 100 / Integer.parseInt("0");
  }

  interface PortCall {
    void call(int port) throws Throwable;
  }

  /** A server that accepts connections and never answers. */
  static void silentServer(PortCall call) throws Throwable {
    try (ServerSocket server = new ServerSocket(0)) {
      call.call(server.getLocalPort());
    }
  }

  static int closedPort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  static RuntimeException failureFor(String reason) {
    return reason.isEmpty() ? new IllegalStateException(reason) : null;
  }

  static String greet(String name) {
    return "Hello " + name.strip();
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c == '\n') out.append("\\n");
      else if (c == '\r') out.append("\\r");
      else if (c == '\t') out.append("\\t");
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  public static void main(String[] args) {
    List<String> names = args.length > 0 ? List.of(args) : new ArrayList<>(CASES.keySet());
    System.out.println("{\"javaVersion\": " + quote(System.getProperty("java.version")) + "}");
    for (String name : names) {
      Case c = CASES.get(name);
      String result;
      try {
        if (c == null) throw new IllegalArgumentException("no case " + name);
        c.run();
        result = "\"threw\": false";
      } catch (Throwable error) {
        String message = error.getMessage();
        result = "\"threw\": true, \"errorType\": " + quote(error.getClass().getName()) + ", \"message\": "
            + quote(message == null ? "" : message);
      }
      System.out.println("{\"name\": " + quote(name) + ", " + result + "}");
    }
  }
}
