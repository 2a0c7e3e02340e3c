package io.meshwork.access.pdp;

import io.meshwork.access.rowfilter.ColumnType;
import java.util.Objects;

/**
 * A column of an output port as its contract declares it. Classification may be null; so may the
 * type, for columns a row filter cannot compare (objects, arrays).
 */
public record Column(String name, ColumnType type, String classification) {

  public Column {
    Objects.requireNonNull(name, "name");
  }
}
