package com.acme.billing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * java.util.logging set up to write what logback's {@code %d %-5level [%thread] %logger - %msg%n%ex} writes, to
 * stdout: the service ran on logback before it was trimmed to the JDK.
 */
public final class BillingLog {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private BillingLog() {}

  public static Logger get(Class<?> owner) {
    Logger logger = Logger.getLogger(owner.getName());
    if (logger.getHandlers().length == 0) {
      // A StreamHandler on stdout, flushed per record (ConsoleHandler writes to stderr and closes it when redirected).
      Handler handler =
          new StreamHandler(System.out, new LogbackStyle()) {
            @Override
            public synchronized void publish(LogRecord record) {
              super.publish(record);
              flush();
            }
          };
      logger.addHandler(handler);
      logger.setUseParentHandlers(false);
    }
    return logger;
  }

  static final class LogbackStyle extends Formatter {
    @Override
    public String format(LogRecord record) {
      StringBuilder line =
          new StringBuilder()
              .append(TIME.format(LocalDateTime.now()))
              .append(' ')
              .append(String.format("%-5s", levelName(record.getLevel())))
              .append(" [")
              .append(Thread.currentThread().getName())
              .append("] ")
              .append(record.getLoggerName())
              .append(" - ")
              .append(formatMessage(record))
              .append(System.lineSeparator());
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        line.append(trace);
      }
      return line.toString();
    }

    private static String levelName(Level level) {
      if (level.intValue() >= Level.SEVERE.intValue()) return "ERROR";
      if (level.intValue() >= Level.WARNING.intValue()) return "WARN";
      if (level.intValue() >= Level.INFO.intValue()) return "INFO";
      return "DEBUG";
    }
  }
}
