package io.meshwork.dataplane.rows;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Where the next page of rows starts: the snapshot of the first page (its highest batch sequence
 * number, so later batches never shift the pages) and the offset. Opaque to clients (base64url).
 */
record RowsCursor(long seq, long offset) {

  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(new JsonObject().put("s", seq).put("o", offset).encode().getBytes(StandardCharsets.UTF_8));
  }

  static RowsCursor decode(String text) {
    try {
      JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
      long seq = json.getLong("s");
      long offset = json.getLong("o");
      if (seq < 0 || offset < 0) {
        throw new IllegalArgumentException("negative");
      }
      return new RowsCursor(seq, offset);
    } catch (IllegalArgumentException | DecodeException | NullPointerException | ClassCastException e) {
      throw new InvalidException("The cursor is invalid", List.of(new Violation("/cursor", "pass the 'next' value of the previous page unchanged")));
    }
  }
}
