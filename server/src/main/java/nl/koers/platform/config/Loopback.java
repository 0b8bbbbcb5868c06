package nl.koers.platform.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a configured host is a loopback address (dev mode and the emulator need one). */
final class Loopback {

  private Loopback() {}

  static boolean is(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      // A name other than localhost could resolve anywhere later: not loopback.
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
