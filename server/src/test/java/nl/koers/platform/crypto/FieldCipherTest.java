package nl.koers.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text at rest: unreadable without the key, bound to its document, tampering detected. */
class FieldCipherTest {

  @TempDir Path dir;

  @Test
  void sealedTextOpensOnlyForItsOwnDocumentAndUntampered() throws Exception {
    FieldCipher cipher = FieldCipher.load(dir.resolve("key.json"), true);

    FieldCipher.Sealed sealed = cipher.seal("Ik voel me niet veilig thuis.", "message-1");

    assertThat(sealed.ciphertext()).doesNotContain("veilig");
    assertThat(cipher.open(sealed, "message-1")).isEqualTo("Ik voel me niet veilig thuis.");
    assertThatThrownBy(() -> cipher.open(sealed, "message-2"))
        .isInstanceOf(IllegalStateException.class);
    String flipped =
        (sealed.ciphertext().charAt(0) == 'A' ? "B" : "A") + sealed.ciphertext().substring(1);
    assertThatThrownBy(
            () -> cipher.open(new FieldCipher.Sealed(sealed.nonce(), flipped), "message-1"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(cipher.seal("same", "m").nonce()).isNotEqualTo(cipher.seal("same", "m").nonce());
  }

  @Test
  void theKeyIsMadeOnceReadableByItsOwnerOnlyAndNeverMadeWhenNotAllowed() throws Exception {
    Path key = dir.resolve("data-key.json");
    FieldCipher first = FieldCipher.load(key, true);
    FieldCipher.Sealed sealed = first.seal("tekst", "d");

    assertThat(FieldCipher.load(key, true).open(sealed, "d")).isEqualTo("tekst");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThatThrownBy(() -> FieldCipher.load(dir.resolve("missing.json"), false))
        .hasMessageContaining("missing");
  }
}
