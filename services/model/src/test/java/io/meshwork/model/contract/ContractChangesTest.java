package io.meshwork.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.model.lifecycle.Change;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ContractChangesTest {

  private static DataContract edited(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode doc = (ObjectNode) DataContractTest.sample();
    edit.accept(doc);
    return DataContract.from(doc);
  }

  private static ObjectNode property(ObjectNode doc, int index) {
    return (ObjectNode) doc.at("/schema/0/properties/" + index);
  }

  private static List<String> breaking(DataContract after) throws IOException {
    return ContractChanges.breaking(ContractChanges.between(DataContract.from(DataContractTest.sample()), after))
        .stream().map(Change::description).toList();
  }

  @Test
  void identicalContractsHaveNoChanges() throws IOException {
    DataContract same = DataContract.from(DataContractTest.sample());
    assertThat(ContractChanges.between(same, same)).isEmpty();
  }

  @Test
  void removingOrRenamingAPropertyBreaks() throws IOException {
    assertThat(breaking(edited(doc -> ((ArrayNode) doc.at("/schema/0/properties")).remove(4))))
        .containsExactly("property order_lines.amount was removed or renamed");
    assertThat(breaking(edited(doc -> property(doc, 4).put("name", "amount_eur"))))
        .containsExactly("property order_lines.amount was removed or renamed");
  }

  @Test
  void narrowingATypeBreaksAndWideningDoesNot() throws IOException {
    assertThat(breaking(edited(doc -> property(doc, 4).put("logicalType", "integer"))))
        .containsExactly("type of order_lines.amount changed from number to integer");
    DataContract widened = edited(doc -> property(doc, 1).put("logicalType", "number"));
    assertThat(breaking(widened)).isEmpty();
    assertThat(ContractChanges.between(DataContract.from(DataContractTest.sample()), widened))
        .extracting(Change::description).containsExactly("type of order_lines.line_no changed from integer to number (widened)");
  }

  @Test
  void makingAPropertyRequiredBreaksAndOptionalDoesNot() throws IOException {
    assertThat(breaking(edited(doc -> property(doc, 4).put("required", true)))).containsExactly("order_lines.amount became required");
    assertThat(breaking(edited(doc -> property(doc, 0).put("required", false)))).isEmpty();
  }

  @Test
  void changingThePrimaryKeyBreaks() throws IOException {
    assertThat(breaking(edited(doc -> property(doc, 1).put("primaryKey", false))))
        .containsExactly("primary key of order_lines changed from [order_id, line_no] to [order_id]");
  }

  @Test
  void removingAllowedValuesBreaksAndAddingDoesNot() throws IOException {
    assertThat(breaking(edited(doc -> ((ArrayNode) doc.at("/schema/0/properties/3/quality/0/arguments/validValues")).remove(1))))
        .containsExactly("allowed values [store] of order_lines.channel were removed");
    assertThat(breaking(edited(doc -> ((ArrayNode) doc.at("/schema/0/properties/3/quality/0/arguments/validValues")).add("app"))))
        .isEmpty();
  }

  @Test
  void loweringAClassificationBreaksAndRaisingDoesNot() throws IOException {
    assertThat(breaking(edited(doc -> property(doc, 2).put("classification", "public"))))
        .containsExactly("classification of order_lines.customer_email changed from confidential to public (lowered)");
    assertThat(breaking(edited(doc -> property(doc, 2).remove("classification"))))
        .containsExactly("classification of order_lines.customer_email changed from confidential to none (lowered)");
    assertThat(breaking(edited(doc -> property(doc, 4).put("classification", "restricted")))).isEmpty();
  }

  @Test
  void additionsAndDescriptionsAreCompatibleChangesInWords() throws IOException {
    DataContract after = edited(doc -> {
      ((ArrayNode) doc.at("/schema/0/properties")).addObject().put("name", "coupon").put("logicalType", "string");
      property(doc, 0).put("description", "The order id.");
      ((ObjectNode) doc.at("/slaProperties/0")).put("value", 2);
    });
    List<Change> changes = ContractChanges.between(DataContract.from(DataContractTest.sample()), after);
    assertThat(changes).noneMatch(Change::breaking);
    assertThat(changes).extracting(Change::description).containsExactlyInAnyOrder(
        "optional property order_lines.coupon was added", "description of order_lines.order_id changed", "slaProperties changed");
  }
}
