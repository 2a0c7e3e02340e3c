package io.meshwork.model.product;

import java.util.Arrays;
import java.util.Optional;

/** ODPS v1 lifecycle of a data product, in the order a product moves through it. */
public enum ProductStatus {
  PROPOSED,
  DRAFT,
  ACTIVE,
  DEPRECATED,
  RETIRED;

  /** The lower-case spelling ODPS documents use. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<ProductStatus> fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
  }
}
