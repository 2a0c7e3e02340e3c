package io.meshwork.portal.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading pasted YAML: what it is, where it does not parse, and the line a JSON pointer names. */
class YamlDocumentTest {

    static final String PRODUCT = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: order-returns
            name: Order returns
            status: proposed
            domain: orders
            outputPorts:
              - name: returns
                version: 1.0.0
                contractId: no-such-contract
            """;

    @Test
    void aProductSaysWhatItIs() {
        YamlDocument document = YamlDocument.read(PRODUCT);

        assertThat(document.syntaxError()).isEmpty();
        assertThat(document.kind()).contains(YamlDocument.Kind.PRODUCT);
        assertThat(document.id()).isEqualTo("order-returns");
        assertThat(document.quickChecks()).isEmpty();
    }

    @Test
    void pointersLeadToTheirLines() {
        YamlDocument document = YamlDocument.read(PRODUCT);

        assertThat(document.line("/name")).isEqualTo(4);
        assertThat(document.line("/outputPorts/0/contractId")).isEqualTo(10);
        assertThat(document.line("/outputPorts/0")).isEqualTo(8);
        // a missing member: the nearest parent that exists
        assertThat(document.line("/description/purpose")).isEqualTo(0);
        assertThat(document.line("/outputPorts/0/description")).isEqualTo(8);
        assertThat(document.at("/outputPorts/0/contractId", "unknown contract").text())
                .isEqualTo("line 10 · /outputPorts/0/contractId: unknown contract");
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        YamlDocument document = YamlDocument.read("kind: DataProduct\nid: x\nname: [unclosed\nstatus: draft\n");

        assertThat(document.quickChecks()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isGreaterThanOrEqualTo(3);
            assertThat(problem.reason()).isNotBlank();
        });
    }

    @Test
    void aDocumentWithoutKindOrIdIsNotReadyToPublish() {
        YamlDocument document = YamlDocument.read("name: Something\n");

        assertThat(document.quickChecks()).extracting(YamlDocument.Problem::pointer).containsExactly("/kind", "/id");
        assertThat(YamlDocument.read("").quickChecks()).singleElement()
                .extracting(YamlDocument.Problem::reason).isEqualTo("paste or upload a YAML document");
        assertThat(YamlDocument.read("- a\n- b\n").quickChecks()).singleElement()
                .extracting(YamlDocument.Problem::reason).asString().contains("mapping");
    }

    @Test
    void duplicateKeysAreAnError() {
        assertThat(YamlDocument.read("kind: DataProduct\nid: a\nid: b\n").syntaxError()).isPresent();
    }
}
