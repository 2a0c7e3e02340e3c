package io.meshwork.access.rowfilter;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses and type-checks the row-filter language against an output port's columns:
 *
 * <pre>
 * filter     := or
 * or         := and ("or" and)*
 * and        := not ("and" not)*
 * not        := "not" not | "(" filter ")" | comparison
 * comparison := column op literal | column "in" "(" literal ("," literal)* ")"
 * op         := "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * literal    := 'text' | number | true | false        (typed by the column; dates as 'YYYY-MM-DD')
 * </pre>
 *
 * Keywords are case-insensitive; a quote inside text is doubled ({@code 'O''Brien'}). Every
 * problem is reported with its position, as an {@link InvalidException} whose violations point at
 * {@code pointer} (the field the filter came in).
 */
public final class RowFilterParser {

  static final int MAX_LENGTH = 4_000;
  static final int MAX_DEPTH = 32;

  private final Map<String, ColumnType> columns;
  private final String pointer;
  private List<Token> tokens;
  private int next;
  private int depth;

  private RowFilterParser(Map<String, ColumnType> columns, String pointer) {
    this.columns = Map.copyOf(columns);
    this.pointer = pointer;
  }

  /**
   * @param text the filter as written by an approver
   * @param columns the columns it may use, with their types (from the port's contract)
   * @param pointer JSON pointer of the field the filter was given in, for error reports
   */
  public static RowFilter parse(String text, Map<String, ColumnType> columns, String pointer) {
    return new RowFilterParser(columns, pointer).parse(text);
  }

  private RowFilter parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("a row filter must not be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw invalid("a row filter may be at most " + MAX_LENGTH + " characters");
    }
    tokens = new Lexer(text).tokens();
    next = 0;
    RowFilter filter = or();
    Token end = peek();
    if (end.kind() != Kind.END) {
      throw invalid("unexpected '" + end.text() + "' at position " + end.position());
    }
    return filter;
  }

  private RowFilter or() {
    List<RowFilter> operands = new ArrayList<>(List.of(and()));
    while (keyword("or")) {
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new RowFilter.Or(operands);
  }

  private RowFilter and() {
    List<RowFilter> operands = new ArrayList<>(List.of(not()));
    while (keyword("and")) {
      operands.add(not());
    }
    return operands.size() == 1 ? operands.get(0) : new RowFilter.And(operands);
  }

  private RowFilter not() {
    if (++depth > MAX_DEPTH) {
      throw invalid("a row filter may nest at most " + MAX_DEPTH + " levels");
    }
    try {
      if (keyword("not")) {
        return new RowFilter.Not(not());
      }
      if (symbol("(")) {
        RowFilter inner = or();
        expectSymbol(")");
        return inner;
      }
      return comparison();
    } finally {
      depth--;
    }
  }

  private RowFilter comparison() {
    Token name = take();
    if (name.kind() != Kind.IDENTIFIER) {
      throw invalid("expected a column name at position " + name.position() + ", found " + describe(name));
    }
    ColumnType type = columns.get(name.text());
    if (type == null) {
      throw invalid("unknown column '" + name.text() + "' at position " + name.position()
          + "; the port has " + columns.keySet().stream().sorted().toList());
    }
    if (keyword("in")) {
      expectSymbol("(");
      List<Literal> values = new ArrayList<>(List.of(literal(type, name.text())));
      while (symbol(",")) {
        values.add(literal(type, name.text()));
      }
      expectSymbol(")");
      return new RowFilter.In(name.text(), values);
    }
    Token op = take();
    Operator operator = operator(op);
    if (operator.needsOrder() && !type.ordered()) {
      throw invalid("column '" + name.text() + "' is " + type.name().toLowerCase(Locale.ROOT)
          + " and cannot be compared with " + operator.symbol() + " (position " + op.position() + ")");
    }
    return new RowFilter.Comparison(name.text(), operator, literal(type, name.text()));
  }

  private Operator operator(Token op) {
    if (op.kind() == Kind.SYMBOL) {
      for (Operator operator : Operator.values()) {
        if (operator.symbol().equals(op.text())) {
          return operator;
        }
      }
      if (op.text().equals("<>")) {
        return Operator.NE;
      }
    }
    throw invalid("expected a comparison (=, !=, <, <=, >, >= or in) at position " + op.position() + ", found " + describe(op));
  }

  private Literal literal(ColumnType type, String column) {
    Token token = take();
    String expected = switch (type) {
      case STRING -> "a quoted text";
      case INTEGER -> "a whole number";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case DATE -> "a date like '2024-12-31'";
      case TIMESTAMP -> "a timestamp like '2024-12-31T23:59:59Z'";
    };
    String wrongType = "column '" + column + "' is " + type.name().toLowerCase(Locale.ROOT)
        + "; " + describe(token) + " at position " + token.position() + " is not " + expected;
    Kind kind = switch (type) {
      case STRING, DATE, TIMESTAMP -> Kind.STRING;
      case INTEGER, NUMBER -> Kind.NUMBER;
      case BOOLEAN -> Kind.IDENTIFIER;
    };
    if (token.kind() != kind || (type == ColumnType.BOOLEAN && !token.text().matches("(?i)true|false"))) {
      throw invalid(wrongType);
    }
    try {
      return new Literal(type, switch (type) {
        case STRING -> token.text();
        case INTEGER -> Long.valueOf(token.text());
        case NUMBER -> new BigDecimal(token.text());
        case BOOLEAN -> Boolean.valueOf(token.text().toLowerCase(Locale.ROOT));
        case DATE -> LocalDate.parse(token.text());
        case TIMESTAMP -> Instant.parse(token.text());
      });
    } catch (NumberFormatException | DateTimeParseException e) {
      throw invalid(wrongType);
    }
  }

  private boolean keyword(String word) {
    Token token = peek();
    if (token.kind() == Kind.IDENTIFIER && token.text().equalsIgnoreCase(word)) {
      next++;
      return true;
    }
    return false;
  }

  private boolean symbol(String text) {
    Token token = peek();
    if (token.kind() == Kind.SYMBOL && token.text().equals(text)) {
      next++;
      return true;
    }
    return false;
  }

  private void expectSymbol(String text) {
    Token token = peek();
    if (!symbol(text)) {
      throw invalid("expected '" + text + "' at position " + token.position() + ", found " + describe(token));
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token token = tokens.get(next);
    if (token.kind() != Kind.END) {
      next++;
    }
    return token;
  }

  private static String describe(Token token) {
    return switch (token.kind()) {
      case END -> "the end of the filter";
      case STRING -> "text '" + token.text() + "'";
      default -> "'" + token.text() + "'";
    };
  }

  private InvalidException invalid(String reason) {
    return new InvalidException("The row filter is invalid", List.of(new Violation(pointer, reason)));
  }

  enum Kind { IDENTIFIER, STRING, NUMBER, SYMBOL, END }

  record Token(Kind kind, String text, int position) {}

  /** Splits the text into tokens; positions are 1-based character offsets. */
  private final class Lexer {
    private final String text;
    private int at;

    Lexer(String text) {
      this.text = text;
    }

    List<Token> tokens() {
      List<Token> tokens = new ArrayList<>();
      while (true) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
          at++;
        }
        if (at >= text.length()) {
          tokens.add(new Token(Kind.END, "", at + 1));
          return tokens;
        }
        tokens.add(token());
      }
    }

    private Token token() {
      int start = at;
      char c = text.charAt(at);
      if (Character.isLetter(c) || c == '_') {
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
          at++;
        }
        return new Token(Kind.IDENTIFIER, text.substring(start, at), start + 1);
      }
      if (Character.isDigit(c) || (c == '-' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
        at++;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
          at++;
        }
        return new Token(Kind.NUMBER, text.substring(start, at), start + 1);
      }
      if (c == '\'') {
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
          if (at >= text.length()) {
            throw invalid("text starting at position " + (start + 1) + " is not closed with '");
          }
          char d = text.charAt(at++);
          if (d == '\'') {
            if (at < text.length() && text.charAt(at) == '\'') {
              value.append('\'');
              at++;
            } else {
              return new Token(Kind.STRING, value.toString(), start + 1);
            }
          } else {
            value.append(d);
          }
        }
      }
      for (String symbol : List.of("<=", ">=", "!=", "<>", "=", "<", ">", "(", ")", ",")) {
        if (text.startsWith(symbol, at)) {
          at += symbol.length();
          return new Token(Kind.SYMBOL, symbol, start + 1);
        }
      }
      throw invalid("unexpected character '" + c + "' at position " + (start + 1));
    }
  }
}
