package com.example.shop;

public final class Inventory {
  private static final int[] SLOTS = {4, 8, 15};

  private Inventory() {}

  // @shift
  public static int slot(String index) {
    // Bug: the index is not checked against the number of slots.
    return SLOTS[Integer.parseInt(index)];
  }

  public static int quantity(String text) {
    // Bug: quantities typed by users are not always numbers.
    return Integer.parseInt(text) * 2;
  }
}
