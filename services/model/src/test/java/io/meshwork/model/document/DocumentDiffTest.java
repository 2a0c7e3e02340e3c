package io.meshwork.model.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentDiffTest {

  private static List<String> diff(String before, String after) {
    return DocumentDiff.between(
            DocumentFormat.YAML.read(before.getBytes(StandardCharsets.UTF_8)),
            DocumentFormat.YAML.read(after.getBytes(StandardCharsets.UTF_8)))
        .stream().map(DocumentDiff.Change::describe).toList();
  }

  @Test
  void locatesEveryChangeByPointer() {
    assertThat(diff("""
        id: a
        status: draft
        tags: [x, y]
        team: {name: A}
        a/b: 1
        """, """
        id: a
        status: active
        tags: [x]
        team: {name: A, lead: olivia}
        a/b: 2
        """)).containsExactly(
            "~ /a~1b: 1 -> 2",
            "~ /status: draft -> active",
            "- /tags/1: y",
            "+ /team/lead: olivia");
  }

  @Test
  void identicalDocumentsHaveNoChanges() {
    assertThat(diff("id: a\nlist: [1, {b: 2}]", "list: [1, {b: 2}]\nid: a")).isEmpty();
  }
}
