package io.meshwork.identity.federation;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A valid request to create or replace a SAML 2.0 identity provider: its metadata, by URL (fetched
 * and checked) or inline ({@code metadata}, the XML descriptor), Meshwork's service-provider entity id
 * (default: the realm's issuer) and the signing options.
 */
public record SamlProviderRequest(
    String alias,
    String displayName,
    Optional<URI> metadataUrl,
    Optional<String> metadata,
    Optional<String> entityId,
    boolean wantAuthnRequestsSigned,
    boolean validateSignature,
    boolean enabled,
    String syncMode) {

  private static final Set<String> FIELDS = Set.of("alias", "type", "displayName", "metadataUrl", "metadata", "entityId",
      "wantAuthnRequestsSigned", "validateSignature", "enabled", "syncMode");
  private static final int MAX_METADATA = 256 * 1024;

  static SamlProviderRequest parse(JsonObject body, String pathAlias) {
    List<Violation> violations = new ArrayList<>();
    String alias = ProviderRequest.alias(body, pathAlias, violations);
    String displayName = body.getValue("displayName") instanceof String s && s.length() <= 100 ? s : null;
    if (body.getValue("displayName") != null && displayName == null) {
      violations.add(new Violation("/displayName", "must be a string of at most 100 characters"));
    }
    URI metadataUrl = ProviderRequest.optionalUrl(body, "metadataUrl", violations);
    Object rawMetadata = body.getValue("metadata");
    String metadata = null;
    if (rawMetadata != null) {
      if (!(rawMetadata instanceof String s) || s.isBlank() || s.length() > MAX_METADATA) {
        violations.add(new Violation("/metadata", "the IdP's SAML metadata XML as a string, at most 256 KiB"));
      } else {
        metadata = s;
      }
    }
    if ((metadataUrl == null) == (metadata == null) && !violations.stream().anyMatch(v -> v.pointer().startsWith("/metadata"))) {
      violations.add(new Violation("/metadataUrl", "give exactly one of metadataUrl and metadata"));
    }
    Object entityId = body.getValue("entityId");
    if (entityId != null && (!(entityId instanceof String s) || s.isBlank() || s.length() > 1024)) {
      violations.add(new Violation("/entityId", "Meshwork's service-provider entity id: a non-empty string"));
    }
    boolean wantSigned = bool(body, "wantAuthnRequestsSigned", false, violations);
    boolean validate = bool(body, "validateSignature", true, violations);
    boolean enabled = bool(body, "enabled", true, violations);
    Object syncMode = body.getValue("syncMode", "FORCE");
    String sync = syncMode instanceof String s ? s.toUpperCase(Locale.ROOT) : null;
    if (sync == null || !ProviderRequest.SYNC_MODES.contains(sync)) {
      violations.add(new Violation("/syncMode", "one of IMPORT, FORCE (re-apply mappers at every login), LEGACY"));
    }
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        violations.add(new Violation("/" + field, "unknown field"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The identity provider is invalid", violations);
    }
    return new SamlProviderRequest(alias, displayName == null || displayName.isBlank() ? alias : displayName,
        Optional.ofNullable(metadataUrl), Optional.ofNullable(metadata), Optional.ofNullable((String) entityId),
        wantSigned, validate, enabled, sync);
  }

  private static boolean bool(JsonObject body, String field, boolean fallback, List<Violation> violations) {
    Object value = body.getValue(field, fallback);
    if (!(value instanceof Boolean b)) {
      violations.add(new Violation("/" + field, "must be true or false"));
      return fallback;
    }
    return b;
  }
}
