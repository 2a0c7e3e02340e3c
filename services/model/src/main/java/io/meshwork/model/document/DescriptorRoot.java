package io.meshwork.model.document;

import io.meshwork.model.domain.Domain;
import io.meshwork.model.lifecycle.Lifecycle;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The root fields an ODPS product and an ODCS contract share, checked alike in both so that a
 * product and its contract accept exactly the same ids, statuses and domain names. Split in two
 * because ODCS puts its own {@code version} between them and violations keep document order.
 */
public final class DescriptorRoot {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private DescriptorRoot() {
  }

  /** {@code apiVersion}, {@code kind} and {@code id}. */
  public static void identity(DocumentChecks checks, String kind, Set<String> apiVersions) {
    checks.oneOf("/apiVersion", checks.requiredString("/apiVersion"), apiVersions);
    String actualKind = checks.requiredString("/kind");
    if (actualKind != null && !actualKind.equals(kind)) {
      checks.violation("/kind", "must be " + kind);
    }
    String id = checks.requiredString("/id");
    if (id != null && !ID.matcher(id).matches()) {
      checks.violation("/id", "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
  }

  /** {@code status} (a lifecycle state) and {@code domain}, which decides who may change the document. */
  public static void ownership(DocumentChecks checks) {
    String status = checks.requiredString("/status");
    if (status != null && Lifecycle.fromWire(status).isEmpty()) {
      checks.violation("/status", "must be one of " + Stream.of(Lifecycle.values()).map(Lifecycle::wireName).toList());
    }
    String domain = checks.requiredString("/domain");
    if (domain != null && !Domain.NAME.matcher(domain).matches()) {
      checks.violation("/domain", "must be a lower-case domain name (letters, digits, '-'; starting with a letter)");
    }
  }

  /** The optional {@code description} object: purpose, limitations and usage. */
  public static void description(DocumentChecks checks) {
    if (!checks.present("/description")) {
      return;
    }
    if (!checks.at("/description").isObject()) {
      checks.violation("/description", "must be an object with purpose, limitations and usage");
      return;
    }
    for (String field : List.of("purpose", "limitations", "usage")) {
      checks.optionalString("/description/" + field);
    }
  }
}
