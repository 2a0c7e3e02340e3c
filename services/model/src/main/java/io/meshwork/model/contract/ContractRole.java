package io.meshwork.model.contract;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An ODCS v3 role that gives access to the data, e.g. {@code orders_reader} with {@code read}
 * access, and who approves requests for it. ODCS leaves the approvers as free text; Meshwork reads
 * them as comma- or space-separated user names and Keycloak group paths ({@code /domains/orders/owners}).
 */
public record ContractRole(String role, String access, String description, String firstLevelApprovers, String secondLevelApprovers) {

  public ContractRole(String role, String access, String description) {
    this(role, access, description, null, null);
  }

  /** Every approver named, first and second level. */
  public Set<String> approvers() {
    Set<String> names = new LinkedHashSet<>();
    for (String list : new String[] {firstLevelApprovers, secondLevelApprovers}) {
      if (list != null) {
        Arrays.stream(list.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).forEach(names::add);
      }
    }
    return names;
  }
}
