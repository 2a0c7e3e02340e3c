package io.meshwork.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContractRoleTest {

  @Test
  void approversAreTheUsersAndGroupsBothLevelsName() {
    ContractRole role = new ContractRole("orders_reader", "read", null, "olivia, /domains/orders/stewards", "ada  sam");
    assertThat(role.approvers()).containsExactly("olivia", "/domains/orders/stewards", "ada", "sam");
    assertThat(new ContractRole("r", "read", null).approvers()).isEmpty();
  }
}
