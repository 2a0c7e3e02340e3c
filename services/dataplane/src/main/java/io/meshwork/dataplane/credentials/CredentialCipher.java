package io.meshwork.dataplane.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals source credentials with AES-256-GCM before they are stored, and opens them only to call
 * the source. The key is {@code MESHWORK_MASTER_KEY} (base64 of 32 bytes) when set; otherwise a key
 * file in the node's home, generated on first start and readable by the node's user only. Each
 * sealed value is bound to what it belongs to (product and source name, as associated data), so a
 * sealed token copied onto another source does not open. Keys and plain values are never logged.
 */
public final class CredentialCipher {

  private static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  private CredentialCipher(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the master key must be 32 bytes (base64 of 256 random bits), got " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** Blocking (file I/O): call on a worker thread at start. */
  public static CredentialCipher load(Optional<String> base64Key, Path keyFile) throws IOException {
    if (base64Key.isPresent()) {
      return new CredentialCipher(decode(base64Key.get(), "MESHWORK_MASTER_KEY"));
    }
    if (Files.exists(keyFile)) {
      return new CredentialCipher(decode(Files.readString(keyFile).trim(), keyFile.toString()));
    }
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    Files.createDirectories(keyFile.toAbsolutePath().getParent());
    try {
      Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(keyFile);
    }
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    return new CredentialCipher(fresh);
  }

  public static CredentialCipher of(byte[] key) {
    return new CredentialCipher(key.clone());
  }

  public String seal(String plain, String boundTo) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Fails when the value was sealed with another key, for something else, or tampered with. */
  public String open(String sealed, String boundTo) {
    if (!sealed.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sealed credential");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a stored credential could not be opened (another master key, or tampered with)");
    }
  }

  private static byte[] decode(String base64, String where) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the master key in " + where + " is not base64");
    }
  }

  @Override
  public String toString() {
    return "CredentialCipher[AES-256-GCM]";
  }
}
