package io.meshwork.identity.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.model.error.InvalidException;
import org.junit.jupiter.api.Test;

class UserRequestsTest {

  @Test
  void pagesDefaultAndAreBounded() {
    assertThat(UserRequests.page(null, null)).isEqualTo(new UserRequests.Page(0, 20));
    assertThat(UserRequests.page("40", "100")).isEqualTo(new UserRequests.Page(40, 100));
    assertThatThrownBy(() -> UserRequests.page("-1", "101"))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations())
            .extracting(v -> v.pointer()).containsExactly("/first", "/max"));
    assertThatThrownBy(() -> UserRequests.page("x", null)).isInstanceOf(InvalidException.class);
  }

  @Test
  void onlyTheFourMeshworkRoles() {
    assertThat(UserRequests.role("sre")).isEqualTo("sre");
    assertThatThrownBy(() -> UserRequests.role("offline_access")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> UserRequests.role("admin")).isInstanceOf(InvalidException.class);
  }

  @Test
  void onlyGroupsUnderDomains() {
    assertThat(UserRequests.domainGroup("/domains/orders")).isEqualTo(new UserRequests.DomainGroup("/domains/orders", "orders"));
    assertThat(UserRequests.domainGroup("/domains/orders/members").domain()).isEqualTo("orders");
    for (String bad : new String[] {null, "", "/domains", "/domains/", "/admins", "/domains/orders/", "/domains//x", "domains/orders"}) {
      assertThatThrownBy(() -> UserRequests.domainGroup(bad)).as(String.valueOf(bad)).isInstanceOf(InvalidException.class);
    }
  }

  @Test
  void domainNamesAreSlugs() {
    assertThat(UserRequests.domain("billing-eu")).isEqualTo("billing-eu");
    assertThatThrownBy(() -> UserRequests.domain("Not_A_Domain")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> UserRequests.domain("-x")).isInstanceOf(InvalidException.class);
  }
}
