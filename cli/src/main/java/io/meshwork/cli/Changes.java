package io.meshwork.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.document.DocumentDiff;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.List;

/** What applying one manifest would change on the node: nothing, a creation, or field changes. */
record Changes(Manifests.Manifest manifest, boolean exists, List<DocumentDiff.Change> changes) {

  /** Reads the node's current version of the manifest's document and compares. */
  static Changes of(Session session, Manifests.Manifest manifest) {
    HttpResponse<String> current = session.node("GET", manifest.apiPath(), null, null, "application/json");
    if (current.statusCode() == 404) {
      return new Changes(manifest, false, List.of());
    }
    if (current.statusCode() != 200) {
      throw new CliException(manifest.label() + ": " + Session.problem(current), current.statusCode() >= 500 ? 2 : 1);
    }
    JsonNode existing = Session.parse(current.body());
    return new Changes(manifest, true, DocumentDiff.between(existing, manifest.document()));
  }

  boolean none() {
    return exists && changes.isEmpty();
  }

  /** The summary line, then one indented line per field change. */
  void print(PrintWriter out) {
    out.println(summary());
    changes.forEach(c -> out.println("    " + c.describe()));
  }

  String summary() {
    if (!exists) {
      return "+ " + manifest.label() + " (new)";
    }
    return changes.isEmpty()
        ? "= " + manifest.label() + " (unchanged)"
        : "~ " + manifest.label() + " (" + changes.size() + (changes.size() == 1 ? " change)" : " changes)");
  }
}
