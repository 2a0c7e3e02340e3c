package io.meshwork.access.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.model.error.InvalidException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowFilterParserTest {

  private static final Map<String, ColumnType> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("region", ColumnType.STRING);
    COLUMNS.put("quantity", ColumnType.INTEGER);
    COLUMNS.put("amount", ColumnType.NUMBER);
    COLUMNS.put("gift", ColumnType.BOOLEAN);
    COLUMNS.put("order_date", ColumnType.DATE);
    COLUMNS.put("placed_at", ColumnType.TIMESTAMP);
  }

  private static RowFilter parse(String text) {
    return RowFilterParser.parse(text, COLUMNS, "/rowFilter");
  }

  private static String reasonOf(String text) {
    try {
      parse(text);
    } catch (InvalidException e) {
      assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.pointer()).isEqualTo("/rowFilter"));
      return e.violations().get(0).reason();
    }
    throw new AssertionError("expected '" + text + "' to be rejected");
  }

  @Test
  void parsesTypedComparisonsWithPrecedenceAndRendersQuotedSql() {
    RowFilter filter = parse("region in ('EU', 'UK') and not gift = true or amount >= 10.50 AND order_date < '2024-07-01'");

    assertThat(filter.toSql()).isEqualTo(
        "((\"region\" IN ('EU', 'UK') AND (NOT \"gift\" = TRUE)) OR (\"amount\" >= 10.50 AND \"order_date\" < DATE '2024-07-01'))");
    assertThat(filter.columns()).containsExactlyInAnyOrder("region", "gift", "amount", "order_date");
  }

  @Test
  void evaluatesRowsLikeSqlDoesNullsIncluded() {
    RowFilter filter = parse("not (region = 'EU') and (quantity > 2 or placed_at >= '2024-01-01T00:00:00Z')");
    Map<String, Object> row = new HashMap<>(Map.of("region", "US", "quantity", 3));

    assertThat(filter.admits(row)).isTrue();
    row.put("region", "EU");
    assertThat(filter.admits(row)).isFalse();
    row.put("region", null);
    assertThat(filter.test(row)).as("NOT of unknown is unknown").isNull();
    assertThat(filter.admits(row)).isFalse();
  }

  @Test
  void textLiteralsCannotBreakOutOfTheirQuotes() {
    assertThat(parse("region = 'O''Brien'").toSql()).isEqualTo("\"region\" = 'O''Brien'");
    assertThat(parse("region = 'x'' OR 1=1 --'").toSql()).isEqualTo("\"region\" = 'x'' OR 1=1 --'");
    assertThat(reasonOf("region = 'EU'; DROP TABLE orders")).contains("unexpected character ';'");
  }

  @Test
  void rejectsWhatIsNotTheLanguageWithTheReasonAndPosition() {
    assertThat(reasonOf("country = 'FR'")).contains("unknown column 'country' at position 1");
    assertThat(reasonOf("quantity = 'three'")).contains("column 'quantity' is integer").contains("position 12");
    assertThat(reasonOf("quantity = 2.5")).contains("a whole number");
    assertThat(reasonOf("region = EU")).contains("a quoted text");
    assertThat(reasonOf("gift > false")).contains("cannot be compared with >");
    assertThat(reasonOf("order_date = '2024-13-45'")).contains("is not a date like");
    assertThat(reasonOf("region = 'EU")).contains("not closed");
    assertThat(reasonOf("(region = 'EU'")).contains("expected ')'");
    assertThat(reasonOf("region = 'EU' region = 'UK'")).contains("unexpected 'region' at position 15");
    assertThat(reasonOf("region like 'E%'")).contains("expected a comparison");
    assertThat(reasonOf("  ")).contains("must not be empty");
    assertThat(reasonOf("not ".repeat(40) + "gift = true")).contains("nest at most");
  }

  @Test
  void keywordsAreCaseInsensitiveAndNotEqualsHasTwoSpellings() {
    assertThat(parse("NOT region <> 'EU' Or gift != FALSE").toSql())
        .isEqualTo("((NOT \"region\" <> 'EU') OR \"gift\" <> FALSE)");
  }

  @Test
  void literalsMustMatchTheirType() {
    assertThatThrownBy(() -> new Literal(ColumnType.INTEGER, "3")).isInstanceOf(IllegalArgumentException.class);
  }
}
