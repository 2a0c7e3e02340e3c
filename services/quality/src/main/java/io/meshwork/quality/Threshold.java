package io.meshwork.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operators of one rule ({@code mustBe: 0}, {@code mustBeBetween: [10, 20]}…), all of which a
 * measured value must satisfy. ODCS lets a rule combine several (e.g. {@code mustBeGreaterThan} and
 * {@code mustBeLessThan}); both spellings of the inclusive comparisons are accepted
 * ({@code mustBeGreaterOrEqualTo} and {@code mustBeGreaterThanOrEqualTo}).
 *
 * <p>{@code mustBeBetween: [a, b]} includes its bounds (a ≤ v ≤ b) and {@code mustNotBeBetween}
 * is its exact complement (v &lt; a or v &gt; b): the ODCS text calls between "equivalent to
 * greater than and less than", but its own row-count example ({@code [100, 120]}) and the engines
 * that run ODCS rules read it inclusively, and an inclusive range is what people mean by "between
 * 0 and 100 percent".
 */
record Threshold(List<Condition> conditions) {

  record Condition(String operator, double low, double high) {

    boolean holds(double v) {
      return switch (operator) {
        case "mustBe" -> v == low;
        case "mustNotBe" -> v != low;
        case "mustBeGreaterThan" -> v > low;
        case "mustBeGreaterOrEqualTo" -> v >= low;
        case "mustBeLessThan" -> v < low;
        case "mustBeLessOrEqualTo" -> v <= low;
        case "mustBeBetween" -> v >= low && v <= high;
        case "mustNotBeBetween" -> v < low || v > high;
        default -> throw new IllegalStateException(operator);
      };
    }

    String describe() {
      return operator.equals("mustBeBetween") || operator.equals("mustNotBeBetween")
          ? operator + " [" + number(low) + ", " + number(high) + "]"
          : operator + " " + number(low);
    }
  }

  /** ODCS spellings (and the long forms some tools write) → the operator evaluated. */
  private static final Map<String, String> OPERATORS = Map.ofEntries(
      Map.entry("mustbe", "mustBe"),
      Map.entry("mustnotbe", "mustNotBe"),
      Map.entry("mustbegreaterthan", "mustBeGreaterThan"),
      Map.entry("mustbegreaterorequalto", "mustBeGreaterOrEqualTo"),
      Map.entry("mustbegreaterthanorequalto", "mustBeGreaterOrEqualTo"),
      Map.entry("mustbelessthan", "mustBeLessThan"),
      Map.entry("mustbelessorequalto", "mustBeLessOrEqualTo"),
      Map.entry("mustbelessthanorequalto", "mustBeLessOrEqualTo"),
      Map.entry("mustbebetween", "mustBeBetween"),
      Map.entry("mustnotbebetween", "mustNotBeBetween"));

  /** Thrown when a rule's operators cannot be evaluated; its message is the reason shown to users. */
  static final class Unusable extends Exception {
    Unusable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Reads every {@code must*} field of the rule; an unknown operator or a non-numeric value makes the rule unusable. */
  static Threshold of(JsonNode rule) throws Unusable {
    List<Condition> conditions = new ArrayList<>();
    for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!field.startsWith("must")) {
        continue;
      }
      String operator = OPERATORS.get(field.toLowerCase(Locale.ROOT));
      if (operator == null) {
        throw new Unusable("unknown operator '" + field + "'");
      }
      JsonNode value = rule.get(field);
      if (operator.endsWith("Between")) {
        if (!value.isArray() || value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isNumber()) {
          throw new Unusable(field + " needs a list of two numbers");
        }
        double low = value.get(0).asDouble();
        double high = value.get(1).asDouble();
        if (low > high) {
          throw new Unusable(field + " needs its lower bound first");
        }
        conditions.add(new Condition(operator, low, high));
      } else {
        if (!value.isNumber()) {
          throw new Unusable(field + " needs a number");
        }
        conditions.add(new Condition(operator, value.asDouble(), value.asDouble()));
      }
    }
    if (conditions.isEmpty()) {
      throw new Unusable("no operator (mustBe, mustBeLessThan, mustBeBetween…) to compare the value with");
    }
    return new Threshold(List.copyOf(conditions));
  }

  boolean holds(double value) {
    return conditions.stream().allMatch(c -> c.holds(value));
  }

  String describe() {
    return String.join(" and ", conditions.stream().map(Condition::describe).toList());
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
