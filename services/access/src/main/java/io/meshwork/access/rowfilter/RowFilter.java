package io.meshwork.access.rowfilter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed, type-checked row filter: which rows of an output port a grant lets its holder read.
 * Never raw SQL: it is built only by {@link RowFilterParser} against the contract's columns, and
 * rendered to SQL with every identifier and literal quoted.
 *
 * <p>Evaluation follows SQL's three-valued logic ({@code null} = unknown), so {@link #test} and
 * the SQL the data plane runs agree on every row, nulls included: a row is visible only when the
 * filter is {@code TRUE}.
 */
public sealed interface RowFilter {

  /** TRUE, FALSE, or null (unknown) for one row given as column → value. */
  Boolean test(Map<String, ?> row);

  /** Whether the row is visible under this filter. */
  default boolean admits(Map<String, ?> row) {
    return Boolean.TRUE.equals(test(row));
  }

  String toSql();

  /** The columns the filter reads. */
  Set<String> columns();

  record And(List<RowFilter> operands) implements RowFilter {
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public Boolean test(Map<String, ?> row) {
      boolean unknown = false;
      for (RowFilter operand : operands) {
        Boolean value = operand.test(row);
        if (Boolean.FALSE.equals(value)) {
          return false;
        }
        unknown |= value == null;
      }
      return unknown ? null : true;
    }

    @Override
    public String toSql() {
      return operands.stream().map(RowFilter::toSql).collect(Collectors.joining(" AND ", "(", ")"));
    }

    @Override
    public Set<String> columns() {
      return operands.stream().flatMap(o -> o.columns().stream()).collect(Collectors.toSet());
    }
  }

  record Or(List<RowFilter> operands) implements RowFilter {
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public Boolean test(Map<String, ?> row) {
      boolean unknown = false;
      for (RowFilter operand : operands) {
        Boolean value = operand.test(row);
        if (Boolean.TRUE.equals(value)) {
          return true;
        }
        unknown |= value == null;
      }
      return unknown ? null : false;
    }

    @Override
    public String toSql() {
      return operands.stream().map(RowFilter::toSql).collect(Collectors.joining(" OR ", "(", ")"));
    }

    @Override
    public Set<String> columns() {
      return operands.stream().flatMap(o -> o.columns().stream()).collect(Collectors.toSet());
    }
  }

  record Not(RowFilter operand) implements RowFilter {
    @Override
    public Boolean test(Map<String, ?> row) {
      Boolean value = operand.test(row);
      return value == null ? null : !value;
    }

    @Override
    public String toSql() {
      return "(NOT " + operand.toSql() + ")";
    }

    @Override
    public Set<String> columns() {
      return operand.columns();
    }
  }

  record Comparison(String column, Operator operator, Literal literal) implements RowFilter {
    @Override
    public Boolean test(Map<String, ?> row) {
      Integer comparison = literal.compareFrom(row.get(column));
      return comparison == null ? null : operator.holds(comparison);
    }

    @Override
    public String toSql() {
      return quote(column) + " " + (operator == Operator.NE ? "<>" : operator.symbol()) + " " + literal.toSql();
    }

    @Override
    public Set<String> columns() {
      return Set.of(column);
    }
  }

  record In(String column, List<Literal> values) implements RowFilter {
    public In {
      values = List.copyOf(values);
    }

    @Override
    public Boolean test(Map<String, ?> row) {
      Object value = row.get(column);
      if (value == null) {
        return null;
      }
      return values.stream().anyMatch(v -> Integer.valueOf(0).equals(v.compareFrom(value)));
    }

    @Override
    public String toSql() {
      return quote(column) + " IN " + values.stream().map(Literal::toSql).collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public Set<String> columns() {
      return Set.of(column);
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
