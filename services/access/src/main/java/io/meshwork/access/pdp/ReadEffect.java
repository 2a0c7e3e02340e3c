package io.meshwork.access.pdp;

import java.util.List;

/**
 * What one policy does to a read under one grant: nothing, deny it, withhold some columns (served
 * as null), or keep some columns masked even if the grant unmasks them.
 */
record ReadEffect(boolean denied, List<String> withheld, List<String> masked) {

  static final ReadEffect NONE = new ReadEffect(false, List.of(), List.of());
  static final ReadEffect DENY = new ReadEffect(true, List.of(), List.of());

  static ReadEffect withhold(List<String> columns) {
    return new ReadEffect(false, columns, List.of());
  }

  static ReadEffect mask(List<String> columns) {
    return new ReadEffect(false, List.of(), columns);
  }
}
