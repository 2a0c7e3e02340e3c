package io.meshwork.quality;

import io.meshwork.model.error.InvalidException;
import io.meshwork.quality.sql.GuardedSql;
import io.meshwork.quality.sql.SqlGuard;
import io.meshwork.quality.sql.SqlParser;
import io.meshwork.quality.sql.TableName;
import java.sql.Connection;
import java.util.Map;

/**
 * A contract's {@code type: sql} rule, made ready to run: checked by the node's one {@link SqlGuard}
 * — the same parse-tree guard as a consumer's query on the SQL output port — with the relation
 * being judged as the only table it may read. The rule is written by a product team but runs inside
 * the node (in the batch's write transaction, next to every other product of the domain), so it
 * must be one read-only SELECT; no table functions, no files named as tables, no other table (not
 * other products', not the batch register), no function that reads the node's environment. The
 * {@code {object}} placeholder is then replaced in the parse tree — not in the text — by the relation.
 */
final class SqlRule {

  /** Stands for the relation while the query is parsed, so only this name may appear as a table. */
  static final String SENTINEL = "__meshwork_quality_object__";
  static final int MAX_LENGTH = 20_000;
  private static final String POINTER = "/query";

  private SqlRule() {}

  /**
   * The query ready to run over {@code relationSql} (a parenthesised SELECT or a quoted table name):
   * placeholders ({@code {object}}, {@code ${object}}, {@code {table}}; {@code {property}},
   * {@code {column}} for the rule's column) replaced.
   */
  static String prepare(Connection c, String query, String relationSql, String quotedColumn) throws Threshold.Unusable {
    if (query == null || query.isBlank()) {
      throw new Threshold.Unusable("a sql rule needs a query");
    }
    String parsed = substitute(query, quotedColumn);
    if (!parsed.contains(SENTINEL)) {
      throw new Threshold.Unusable("the query must read the data through the {object} placeholder");
    }
    SqlParser parser = SqlParser.on(c);
    SqlGuard guard = new SqlGuard(parser, new SqlGuard.Tables() {
      @Override
      public void accept(TableName name, String at) {
        if (!name.catalog().isEmpty() || !name.schema().isEmpty() || !name.table().equals(SENTINEL)) {
          throw SqlGuard.refused(POINTER, "the query may only read {object}, not '" + name.written() + "'" + at);
        }
      }

      @Override
      public String hint() {
        return "read the data as {object}";
      }
    }, POINTER, MAX_LENGTH);
    try {
      GuardedSql checked = guard.check(parsed);
      if (checked.tables().isEmpty()) {
        throw new Threshold.Unusable("the query must read the data through the {object} placeholder");
      }
      return checked.render(Map.of(new TableName("", "", SENTINEL), GuardedSql.relation("SELECT * FROM " + relationSql, parser)), parser, POINTER);
    } catch (InvalidException e) {
      throw new Threshold.Unusable(e.violations().isEmpty() ? e.getMessage() : e.violations().get(0).reason());
    } catch (IllegalArgumentException e) {
      throw new Threshold.Unusable("the query could not be checked: " + firstLine(e.getMessage()));
    }
  }

  private static String substitute(String query, String quotedColumn) throws Threshold.Unusable {
    String q = query;
    for (String placeholder : new String[] {"${object}", "{object}", "${table}", "{table}"}) {
      q = q.replace(placeholder, SENTINEL);
    }
    for (String placeholder : new String[] {"${property}", "{property}", "${column}", "{column}"}) {
      if (q.contains(placeholder)) {
        if (quotedColumn == null) {
          throw new Threshold.Unusable(placeholder + " is only known in a property's rule");
        }
        q = q.replace(placeholder, quotedColumn);
      }
    }
    return q;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
