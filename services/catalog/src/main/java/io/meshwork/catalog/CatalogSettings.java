package io.meshwork.catalog;

import java.time.Duration;

/**
 * What a mesh configures about its catalog.
 *
 * @param defaultGovernanceRules seed the default governance rules at the first start (owner and support, described
 *                               properties, classified personal data, SLA and quality, versioned output ports)
 * @param webhookFirstRetry      how long after a failed webhook delivery it is tried again; each further retry waits twice as long
 * @param webhookAttempts        attempts a webhook delivery gets in all
 * @param searchFollowEvery      how often the search index reads the event feed for other nodes' registrations
 */
public record CatalogSettings(boolean defaultGovernanceRules, Duration webhookFirstRetry, int webhookAttempts, Duration searchFollowEvery) {

  public CatalogSettings {
    if (webhookFirstRetry.isNegative() || webhookFirstRetry.isZero()) {
      throw new IllegalArgumentException("the first webhook retry must wait a positive time");
    }
    if (webhookAttempts < 1 || webhookAttempts > 30) {
      throw new IllegalArgumentException("webhook attempts must be between 1 and 30");
    }
  }

  /** A production node: the default rules, webhook retries after 10 s, 20 s, 40 s… (8 attempts, about 21 minutes). */
  public static CatalogSettings defaults() {
    return new CatalogSettings(true, Duration.ofSeconds(10), 8, Duration.ofSeconds(1));
  }

  /**
   * A catalog with no rules seeded and quick webhook retries: for tests of other features, which
   * register minimal descriptors, and for embedding.
   */
  public static CatalogSettings bare() {
    return new CatalogSettings(false, Duration.ofMillis(500), 5, Duration.ofSeconds(1));
  }
}
