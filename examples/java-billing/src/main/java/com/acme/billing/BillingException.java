package com.acme.billing;

/** A request that cannot be billed; the cause says why. */
public class BillingException extends RuntimeException {
  public BillingException(String message, Throwable cause) {
    super(message, cause);
  }
}
