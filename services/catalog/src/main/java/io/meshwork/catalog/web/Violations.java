package io.meshwork.catalog.web;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.Future;
import java.util.List;

/** Turns a check that fails with a 400 into its list of violations, so several checks report together (dry runs). */
public final class Violations {

  private Violations() {}

  /** The check's violations (empty when it passed); any other failure stays a failure. */
  public static Future<List<Violation>> of(Future<?> check) {
    return check.<List<Violation>>map(passed -> List.of()).recover(failure -> failure instanceof InvalidException invalid
        ? Future.succeededFuture(invalid.violations())
        : Future.failedFuture(failure));
  }
}
