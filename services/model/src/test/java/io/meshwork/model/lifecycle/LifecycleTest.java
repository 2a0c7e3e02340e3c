package io.meshwork.model.lifecycle;

import static io.meshwork.model.lifecycle.Lifecycle.ACTIVE;
import static io.meshwork.model.lifecycle.Lifecycle.DEPRECATED;
import static io.meshwork.model.lifecycle.Lifecycle.DRAFT;
import static io.meshwork.model.lifecycle.Lifecycle.PROPOSED;
import static io.meshwork.model.lifecycle.Lifecycle.RETIRED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void draftsMoveFreelyAndActiveThingsOnlyForward() {
    assertThat(PROPOSED.canMoveTo(DRAFT)).isTrue();
    assertThat(DRAFT.canMoveTo(ACTIVE)).isTrue();
    assertThat(DRAFT.canMoveTo(RETIRED)).as("a draft is deleted, not retired").isFalse();
    assertThat(ACTIVE.canMoveTo(DEPRECATED)).isTrue();
    assertThat(ACTIVE.canMoveTo(DRAFT)).isFalse();
    assertThat(ACTIVE.canMoveTo(RETIRED)).as("deprecated first").isFalse();
    assertThat(DEPRECATED.canMoveTo(RETIRED)).isTrue();
    assertThat(DEPRECATED.canMoveTo(ACTIVE)).isTrue();
    assertThat(RETIRED.canMoveTo(ACTIVE)).isFalse();
    assertThat(RETIRED.canMoveTo(RETIRED)).isTrue();
  }

  @Test
  void onlyProposedAndDraftAreDrafts() {
    assertThat(PROPOSED.isDraft()).isTrue();
    assertThat(DRAFT.isDraft()).isTrue();
    assertThat(ACTIVE.isDraft()).isFalse();
  }
}
