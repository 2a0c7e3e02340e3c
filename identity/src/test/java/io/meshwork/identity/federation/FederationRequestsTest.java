package io.meshwork.identity.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.UnprocessableException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class FederationRequestsTest {

  @Test
  void anOidcProviderWithDiscoveryGetsDefaults() {
    ProviderRequest request = ProviderRequest.parse(new JsonObject().put("alias", "acme").put("clientId", "meshwork")
        .put("clientSecret", "s3cret").put("discoveryUrl", "https://login.acme.example/.well-known/openid-configuration"), null);
    assertThat(request.displayName()).isEqualTo("acme");
    assertThat(request.scopes()).containsExactly("openid", "profile", "email");
    assertThat(request.syncMode()).isEqualTo("FORCE");
    assertThat(request.toString()).doesNotContain("s3cret");
  }

  @Test
  void aReplaceKeepsTheAliasOfThePathAndMayOmitTheSecret() {
    JsonObject body = new JsonObject().put("alias", "other").put("clientId", "c").put("discoveryUrl", "https://x.example/d");
    assertThatThrownBy(() -> ProviderRequest.parse(body, "acme"))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/alias"));
    body.remove("alias");
    assertThat(ProviderRequest.parse(body, "acme").clientSecret()).isEmpty();
  }

  @Test
  void explicitEndpointsMustBeComplete() {
    JsonObject body = new JsonObject().put("alias", "acme").put("clientId", "c").put("clientSecret", "s")
        .put("authorizationUrl", "https://x.example/auth").put("tokenUrl", "ftp://x.example/token");
    assertThatThrownBy(() -> ProviderRequest.parse(body, null))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer)
            .containsExactlyInAnyOrder("/tokenUrl", "/jwksUrl", "/issuer"));
  }

  @Test
  void mappersAreCheckedPerKind() {
    MapperRequest role = MapperRequest.parse(new JsonObject().put("name", "r").put("kind", "role").put("claim", "dept")
        .put("value", "sales").put("role", "data-consumer"));
    assertThat(role.kind()).isEqualTo(MapperRequest.Kind.ROLE);
    assertThat(role.kind().keycloakType(true)).isEqualTo("saml-role-idp-mapper");
    assertThatThrownBy(() -> MapperRequest.parse(new JsonObject().put("name", "g").put("kind", "group").put("claim", "dept")
        .put("value", "x").put("group", "/admins").put("role", "sre")))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer)
            .containsExactlyInAnyOrder("/group", "/role"));
    assertThatThrownBy(() -> MapperRequest.parse(new JsonObject().put("name", "u").put("kind", "username").put("template", "plain")))
        .isInstanceOf(InvalidException.class);
  }

  @Test
  void samlMetadataIsReadWithoutResolvingEntities() {
    String metadata = """
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.acme.example">
          <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="true">
            <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
              MIIBcert
            </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
            <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>ENC</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
            <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.acme.example/sso/redirect"/>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.acme.example/sso/post"/>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """;
    SamlMetadata.Idp idp = SamlMetadata.parse(metadata, "test");
    assertThat(idp.entityId()).isEqualTo("https://idp.acme.example");
    assertThat(idp.singleSignOnServiceUrl()).hasToString("https://idp.acme.example/sso/post");
    assertThat(idp.postBinding()).isTrue();
    assertThat(idp.signingCertificates()).containsExactly("MIIBcert");
    assertThat(idp.wantsSignedRequests()).isTrue();

    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><d>&e;</d>";
    assertThatThrownBy(() -> SamlMetadata.parse(xxe, "test")).isInstanceOf(UnprocessableException.class);
  }

  @Test
  void samlRequestsNeedExactlyOneSourceOfMetadata() {
    assertThatThrownBy(() -> SamlProviderRequest.parse(new JsonObject().put("alias", "s").put("type", "saml"), null))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer)
            .containsExactly("/metadataUrl"));
    SamlProviderRequest inline = SamlProviderRequest.parse(new JsonObject().put("type", "saml").put("metadata", "<x/>"), "s");
    assertThat(inline.alias()).isEqualTo("s");
    assertThat(inline.validateSignature()).isTrue();
    assertThat(inline.wantAuthnRequestsSigned()).isFalse();
  }
}
