package io.meshwork.access.pdp;

import io.meshwork.model.lifecycle.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A governance rule, global ({@code domain == null}, set by mesh admins) or for one domain (set by
 * its owners). Policies are data: the kinds below are what the mesh can express. Each is evaluated
 * at request time (feedback) and at approval (a hard gate) through {@link #violation}, and on every
 * read through {@link #onRead}.
 */
public sealed interface Policy {

  String id();

  /** The domain the policy governs, or null for every domain. */
  String domain();

  /** The rule in words, for decisions and audit entries. */
  String describe();

  /** What the rule does to a read of {@code resource} under {@code grant}. */
  ReadEffect onRead(Subject subject, PortResource resource, String purpose, Instant now, Grant grant);

  /** Why {@code proposed} may not be granted, if the rule forbids it. */
  Optional<String> violation(Grant proposed, PortResource resource, Subject requester);

  default boolean appliesTo(PortResource resource) {
    return domain() == null || domain().equals(resource.domain());
  }

  private static List<String> classified(PortResource resource, String classification) {
    return resource.columns().stream()
        .filter(c -> classification.equalsIgnoreCase(c.classification()))
        .map(Column::name)
        .toList();
  }

  /** Products must be in one of these states to be granted or read under a grant. */
  record RequireStatus(String id, String domain, Set<Lifecycle> statuses) implements Policy {
    public RequireStatus {
      Objects.requireNonNull(id, "id");
      statuses = Set.copyOf(statuses);
    }

    @Override
    public String describe() {
      return "product status must be one of " + statuses.stream().map(Lifecycle::wireName).sorted().toList();
    }

    @Override
    public ReadEffect onRead(Subject subject, PortResource resource, String purpose, Instant now, Grant grant) {
      return statuses.contains(resource.status()) ? ReadEffect.NONE : ReadEffect.DENY;
    }

    @Override
    public Optional<String> violation(Grant proposed, PortResource resource, Subject requester) {
      return statuses.contains(resource.status())
          ? Optional.empty()
          : Optional.of(describe() + " (it is " + resource.status().wireName() + ")");
    }
  }

  /** Columns of a classification may be seen only for one of these purposes. */
  record PurposeForClassification(String id, String domain, String classification, Set<String> purposes) implements Policy {
    public PurposeForClassification {
      Objects.requireNonNull(id, "id");
      classification = classification.toLowerCase(Locale.ROOT);
      purposes = Set.copyOf(purposes);
    }

    @Override
    public String describe() {
      return classification + " columns require a purpose in " + purposes.stream().sorted().toList();
    }

    @Override
    public ReadEffect onRead(Subject subject, PortResource resource, String purpose, Instant now, Grant grant) {
      return purposes.contains(purpose) ? ReadEffect.NONE : ReadEffect.withhold(classified(resource, classification));
    }

    @Override
    public Optional<String> violation(Grant proposed, PortResource resource, Subject requester) {
      boolean covers = classified(resource, classification).stream().anyMatch(proposed::coversColumn);
      return covers && !purposes.contains(proposed.purpose())
          ? Optional.of(describe() + " (purpose is " + proposed.purpose() + ")")
          : Optional.empty();
    }
  }

  /**
   * Grants may last at most {@code max}: the whole grant when {@code classification} is null,
   * otherwise only the columns of that classification (withheld once the time is up).
   */
  record MaxDuration(String id, String domain, String classification, Duration max) implements Policy {
    public MaxDuration {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(max, "max");
      classification = classification == null ? null : classification.toLowerCase(Locale.ROOT);
    }

    @Override
    public String describe() {
      return (classification == null ? "grants" : "grants of " + classification + " columns")
          + " may last at most " + max.toDays() + " days";
    }

    @Override
    public ReadEffect onRead(Subject subject, PortResource resource, String purpose, Instant now, Grant grant) {
      if (now.isBefore(grant.grantedAt().plus(max))) {
        return ReadEffect.NONE;
      }
      return classification == null ? ReadEffect.DENY : ReadEffect.withhold(classified(resource, classification));
    }

    @Override
    public Optional<String> violation(Grant proposed, PortResource resource, Subject requester) {
      boolean concerned = classification == null
          || classified(resource, classification).stream().anyMatch(proposed::coversColumn);
      return concerned && proposed.grantedAt().plus(max).isBefore(proposed.expiresAt())
          ? Optional.of(describe())
          : Optional.empty();
    }
  }

  /** Users signed in through an identity provider never see a classification's columns unmasked. */
  record NeverUnmaskForProvider(String id, String domain, String identityProvider, String classification) implements Policy {
    public NeverUnmaskForProvider {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(identityProvider, "identityProvider");
      classification = classification.toLowerCase(Locale.ROOT);
    }

    @Override
    public String describe() {
      return "users from identity provider " + identityProvider + " never see " + classification + " columns unmasked";
    }

    @Override
    public ReadEffect onRead(Subject subject, PortResource resource, String purpose, Instant now, Grant grant) {
      return identityProvider.equals(subject.identityProvider())
          ? ReadEffect.mask(classified(resource, classification))
          : ReadEffect.NONE;
    }

    @Override
    public Optional<String> violation(Grant proposed, PortResource resource, Subject requester) {
      boolean unmasks = classified(resource, classification).stream().anyMatch(proposed.unmasked()::contains);
      return unmasks && identityProvider.equals(requester.identityProvider()) ? Optional.of(describe()) : Optional.empty();
    }
  }
}
