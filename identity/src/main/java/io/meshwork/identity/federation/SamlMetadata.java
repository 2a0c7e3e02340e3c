package io.meshwork.identity.federation;

import io.meshwork.model.error.UnprocessableException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads a SAML 2.0 identity provider's metadata (from its URL, or a descriptor given inline) into
 * what Keycloak needs: the IdP's entity id, its single sign-on (and logout) service and its signing
 * certificates. Anything unreadable is a 422 with the reason, before Keycloak is changed.
 */
final class SamlMetadata {

  static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
  static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  private static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
  private static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
  private static final long TIMEOUT_MS = 5_000;

  /** What the metadata says about the IdP. {@code postBinding}: whether the SSO service takes HTTP-POST. */
  record Idp(String entityId, URI singleSignOnServiceUrl, boolean postBinding, Optional<URI> singleLogoutServiceUrl,
      List<String> signingCertificates, Optional<String> nameIdFormat, boolean wantsSignedRequests) {}

  private final WebClient http;

  SamlMetadata(WebClient http) {
    this.http = http;
  }

  Future<Idp> fetch(URI url) {
    return http.getAbs(url.toString()).timeout(TIMEOUT_MS).send()
        .recover(err -> Future.failedFuture(new UnprocessableException("The metadata URL " + url + " cannot be reached: "
            + (err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage()))))
        .map(response -> {
          if (response.statusCode() != 200) {
            throw new UnprocessableException("The metadata URL " + url + " answered HTTP " + response.statusCode()
                + " instead of SAML metadata");
          }
          return parse(body(response), "The document at " + url);
        });
  }

  private static String body(HttpResponse<Buffer> response) {
    return response.body() == null ? "" : response.body().toString(StandardCharsets.UTF_8);
  }

  /** @param what how to name the document in errors */
  static Idp parse(String xml, String what) {
    Document document;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // metadata comes from outside: no DTDs, no external entities
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setExpandEntityReferences(false);
      document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new UnprocessableException(what + " is not XML: " + e.getMessage());
    }
    NodeList descriptors = document.getElementsByTagNameNS(MD, "IDPSSODescriptor");
    if (descriptors.getLength() == 0) {
      throw new UnprocessableException(what + " is not SAML 2.0 identity-provider metadata: no IDPSSODescriptor");
    }
    Element idp = (Element) descriptors.item(0);
    Element entity = (Element) idp.getParentNode();
    String entityId = entity.getAttribute("entityID");
    List<String> problems = new ArrayList<>();
    if (entityId.isBlank()) {
      problems.add("no entityID");
    }
    Element sso = service(idp, "SingleSignOnService");
    if (sso == null) {
      problems.add("no SingleSignOnService with the HTTP-POST or HTTP-Redirect binding");
    }
    if (!problems.isEmpty()) {
      throw new UnprocessableException(what + " is incomplete SAML metadata: " + String.join(", ", problems));
    }
    Element slo = service(idp, "SingleLogoutService");
    List<String> certificates = new ArrayList<>();
    NodeList keys = idp.getElementsByTagNameNS(MD, "KeyDescriptor");
    for (int i = 0; i < keys.getLength(); i++) {
      Element key = (Element) keys.item(i);
      if (!"encryption".equals(key.getAttribute("use"))) {
        NodeList certs = key.getElementsByTagNameNS(DS, "X509Certificate");
        for (int j = 0; j < certs.getLength(); j++) {
          certificates.add(certs.item(j).getTextContent().replaceAll("\\s+", ""));
        }
      }
    }
    NodeList formats = idp.getElementsByTagNameNS(MD, "NameIDFormat");
    try {
      return new Idp(entityId, URI.create(sso.getAttribute("Location")), POST.equals(sso.getAttribute("Binding")),
          Optional.ofNullable(slo).map(e -> URI.create(e.getAttribute("Location"))), List.copyOf(certificates),
          formats.getLength() == 0 ? Optional.empty() : Optional.of(formats.item(0).getTextContent().trim()),
          "true".equals(idp.getAttribute("WantAuthnRequestsSigned")));
    } catch (IllegalArgumentException e) {
      throw new UnprocessableException(what + " holds a service Location that is not a URL");
    }
  }

  /** The service of this kind, HTTP-POST binding preferred. */
  private static Element service(Element idp, String kind) {
    NodeList services = idp.getElementsByTagNameNS(MD, kind);
    Element redirect = null;
    for (int i = 0; i < services.getLength(); i++) {
      Element service = (Element) services.item(i);
      if (POST.equals(service.getAttribute("Binding"))) {
        return service;
      }
      if (REDIRECT.equals(service.getAttribute("Binding"))) {
        redirect = service;
      }
    }
    return redirect;
  }
}
