package nl.koers.platform.config;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which app versions this server takes: below {@code minimum} a request (or a device registration)
 * is refused with 426 and told where to update; {@code current} is the newest app; {@code stores}
 * maps a platform ({@code android}, {@code ios}) to where its app is updated, when configured.
 */
public record AppVersions(AppVersion minimum, AppVersion current, Map<String, URI> stores) {

  public AppVersions {
    if (current.isBelow(minimum)) {
      throw new IllegalArgumentException(
          KoersConfig.CURRENT_APP_VERSION
              + " ("
              + current
              + ") must not be below "
              + KoersConfig.MIN_APP_VERSION
              + " ("
              + minimum
              + ")");
    }
    stores = java.util.Collections.unmodifiableMap(new TreeMap<>(stores));
  }

  /** Whether an app of {@code version} must be updated before it may use the API. */
  public boolean refuses(AppVersion version) {
    return version.isBelow(minimum);
  }
}
