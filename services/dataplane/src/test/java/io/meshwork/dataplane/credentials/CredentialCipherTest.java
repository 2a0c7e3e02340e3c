package io.meshwork.dataplane.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCipherTest {

  @TempDir Path home;

  @Test
  void aKeyFileIsGeneratedOnceReadableByTheOwnerOnlyAndSealsRoundTrip() throws Exception {
    Path keyFile = home.resolve("master.key");
    CredentialCipher first = CredentialCipher.load(Optional.empty(), keyFile);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    String sealed = first.seal("{\"token\":\"s3cret\"}", "orders-daily/nightly");
    assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
    CredentialCipher again = CredentialCipher.load(Optional.empty(), keyFile);
    assertThat(again.open(sealed, "orders-daily/nightly")).isEqualTo("{\"token\":\"s3cret\"}");
    assertThat(first.seal("x", "a")).isNotEqualTo(first.seal("x", "a")); // a fresh IV every time
  }

  @Test
  void aSealedValueOpensOnlyWithItsKeyAndForWhatItWasBoundTo() throws Exception {
    byte[] key = new byte[32];
    key[0] = 1;
    CredentialCipher cipher = CredentialCipher.load(Optional.of(Base64.getEncoder().encodeToString(key)), home.resolve("unused"));
    String sealed = cipher.seal("token", "p/a");
    assertThatThrownBy(() -> cipher.open(sealed, "p/b")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CredentialCipher.of(new byte[32]).open(sealed, "p/a")).isInstanceOf(IllegalStateException.class)
        .message().doesNotContain("token");
    assertThat(Files.exists(home.resolve("unused"))).isFalse();
    assertThatThrownBy(() -> CredentialCipher.load(Optional.of("c2hvcnQ="), home.resolve("k"))).hasMessageContaining("32 bytes");
  }
}
