package io.meshwork.quality;

import io.meshwork.model.contract.SchemaObject;
import io.meshwork.model.contract.SchemaProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the values of a rule's property are read from the judged relation, in SQL.
 *
 * <p>The data plane stores each top-level property as a column, and an {@code object} or
 * {@code array} property as one JSON column holding the nested values (see the data plane's
 * {@code PortColumn}). So a top-level property is its column; a property nested in objects
 * ({@code customer.email}) is a JSON path into its top-level column, read as text
 * ({@link #value}); a property of the objects of an array ({@code lines.sku}) is, per row, the list
 * of that field's values over the array's elements, one entry per element, NULL where an element
 * lacks it ({@link #elements}), so metrics count elements rather than rows. Paths are read with
 * {@code try(...)}: a value that is not JSON yields NULL (missing), never a failed query.
 *
 * @param path     the property's path below its schema object, e.g. {@code customer.email}
 * @param property the property as the contract declares it
 * @param value    SQL for the value in a row; null when the property sits in an array's elements
 * @param elements SQL for the VARCHAR[] of the property's values over a row's array elements, or null
 */
record PropertyAccess(String path, SchemaProperty property, String value, String elements) {

  boolean nested() {
    return path.contains(".");
  }

  /**
   * The access to {@code path} (the rule's property without its object's name) in {@code object}.
   *
   * @throws Threshold.Unusable when the path names no declared property or cannot be read (arrays in arrays)
   */
  static PropertyAccess resolve(SchemaObject object, String path) throws Threshold.Unusable {
    List<SchemaProperty> chain = new ArrayList<>();
    List<SchemaProperty> level = object.properties();
    String rest = path;
    while (rest != null) {
      SchemaProperty found = null;
      for (SchemaProperty p : level) {
        // names may contain dots: the longest declared name that prefixes the rest wins
        if ((rest.equals(p.name()) || rest.startsWith(p.name() + ".")) && (found == null || p.name().length() > found.name().length())) {
          found = p;
        }
      }
      if (found == null) {
        throw new Threshold.Unusable("no property '" + path + "' is declared in '" + object.name() + "'");
      }
      chain.add(found);
      rest = rest.equals(found.name()) ? null : rest.substring(found.name().length() + 1);
      level = found.properties();
    }
    SchemaProperty leaf = chain.get(chain.size() - 1);
    String column = QualityEngine.quote(chain.get(0).name());
    if (chain.size() == 1) {
      return new PropertyAccess(path, leaf, column, null);
    }
    int array = -1;
    for (int i = 0; i < chain.size() - 1; i++) {
      if (array(chain.get(i))) {
        if (array >= 0) {
          throw new Threshold.Unusable("'" + path + "' sits in an array inside an array; only one level of arrays is evaluated");
        }
        array = i;
      }
    }
    for (SchemaProperty p : chain) {
      if (p.name().contains("\"")) {
        throw new Threshold.Unusable("a nested property name with a double quote cannot be read as a JSON path");
      }
    }
    if (array < 0) {
      return new PropertyAccess(path, leaf, "try(json_extract_string(" + column + ", " + jsonPath(chain.subList(1, chain.size())) + "))", null);
    }
    // the array's elements as a JSON list, then the field of each element (NULL where it lacks it)
    String items = "try(json_extract(" + column + ", " + QualityEngine.literal(jsonPathText(chain.subList(1, array + 1)) + "[*]") + "))";
    String field = "json_extract_string(e, " + jsonPath(chain.subList(array + 1, chain.size())) + ")";
    return new PropertyAccess(path, leaf, null, "coalesce(list_transform(" + items + ", lambda e: " + field + "), CAST([] AS VARCHAR[]))");
  }

  private static boolean array(SchemaProperty p) {
    return p.logicalType() != null && p.logicalType().trim().toLowerCase(Locale.ROOT).equals("array");
  }

  private static String jsonPath(List<SchemaProperty> steps) {
    return QualityEngine.literal(jsonPathText(steps));
  }

  private static String jsonPathText(List<SchemaProperty> steps) {
    StringBuilder path = new StringBuilder("$");
    steps.forEach(p -> path.append(".\"").append(p.name()).append('"'));
    return path.toString();
  }
}
