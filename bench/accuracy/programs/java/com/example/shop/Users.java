package com.example.shop;

import java.util.HashMap;
import java.util.Map;

public final class Users {
  private static final Map<String, String> NAMES = new HashMap<>(Map.of("u1", "Ada"));

  private Users() {}

  // @shift
  public static String displayName(String id) {
    String name = NAMES.get(id);
    // Bug: unknown ids have no name.
    return name.trim().toUpperCase();
  }
}
