package io.meshwork.identity.realm;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link RealmProvisioner#apply} changed, one short line per item ("client meshwork-portal",
 * "mapper meshwork-cli/groups", "role mesh-admin -> user ada"). Never contains secret values.
 *
 * @param realm   the realm applied
 * @param created items that did not exist before
 * @param updated items that existed and were changed (with the names of the changed fields)
 */
public record ProvisionReport(String realm, List<String> created, List<String> updated) {

  public ProvisionReport {
    created = List.copyOf(created);
    updated = List.copyOf(updated);
  }

  /** False when the realm already matched the definition: applying again changes nothing. */
  public boolean changed() {
    return !created.isEmpty() || !updated.isEmpty();
  }

  /** Human-readable, one line per item. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    created.forEach(item -> lines.add("created " + item));
    updated.forEach(item -> lines.add("updated " + item));
    if (lines.isEmpty()) {
      lines.add("realm " + realm + " is up to date");
    }
    return lines;
  }
}
