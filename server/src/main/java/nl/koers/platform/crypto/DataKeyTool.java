package nl.koers.platform.crypto;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the data key file (AES-256, readable by its owner only) that a deployment with a real
 * MongoDB names in {@code KOERS_DATA_KEY_FILE}: {@code java -cp koers-server.jar
 * nl.koers.platform.crypto.DataKeyTool <file>}. Refuses to overwrite one: text sealed with it would
 * become unreadable.
 */
public final class DataKeyTool {

  private DataKeyTool() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DataKeyTool <file>");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    if (Files.exists(file)) {
      System.err.println(file + " exists; a data key is never replaced");
      System.exit(1);
    }
    FieldCipher.load(file, true);
    System.out.println("data key written to " + file);
  }
}
