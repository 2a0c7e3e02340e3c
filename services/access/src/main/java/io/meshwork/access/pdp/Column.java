package io.meshwork.access.pdp;

import io.meshwork.access.rowfilter.ColumnType;
import java.util.Objects;

/** A column of an output port as its contract declares it; classification may be null. */
public record Column(String name, ColumnType type, String classification) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
