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
      return connective(operands, row, false);
    }

    @Override
    public String toSql() {
      return joined(operands, "AND");
    }

    @Override
    public Set<String> columns() {
      return columnsOf(operands);
    }
  }

  record Or(List<RowFilter> operands) implements RowFilter {
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public Boolean test(Map<String, ?> row) {
      return connective(operands, row, true);
    }

    @Override
    public String toSql() {
      return joined(operands, "OR");
    }

    @Override
    public Set<String> columns() {
      return columnsOf(operands);
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

  /**
   * AND ({@code decisive} = false) or OR ({@code decisive} = true) in SQL's three-valued logic: one
   * decisive operand settles the result, otherwise any unknown operand makes it unknown.
   */
  private static Boolean connective(List<RowFilter> operands, Map<String, ?> row, boolean decisive) {
    boolean unknown = false;
    for (RowFilter operand : operands) {
      Boolean value = operand.test(row);
      if (value != null && value == decisive) {
        return decisive;
      }
      unknown |= value == null;
    }
    return unknown ? null : !decisive;
  }

  private static String joined(List<RowFilter> operands, String keyword) {
    return operands.stream().map(RowFilter::toSql).collect(Collectors.joining(" " + keyword + " ", "(", ")"));
  }

  private static Set<String> columnsOf(List<RowFilter> operands) {
    return operands.stream().flatMap(o -> o.columns().stream()).collect(Collectors.toSet());
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
