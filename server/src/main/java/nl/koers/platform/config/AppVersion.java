package nl.koers.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-prerelease][+build]}, semver.org), ordered as
 * semver orders them: numbers numerically, a prerelease below its release ({@code 1.0.0-beta <
 * 1.0.0}), build metadata ignored.
 */
public record AppVersion(int major, int minor, int patch, List<String> prerelease, String text)
    implements Comparable<AppVersion> {

  /** The same form the contract's {@code AppVersion} schema declares. */
  private static final Pattern FORM =
      Pattern.compile(
          "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
              + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$");

  private static final int MAX_LENGTH = 32;

  public AppVersion {
    prerelease = List.copyOf(prerelease);
  }

  /** The version {@code text} names, or empty when it is not a semantic version. */
  public static Optional<AppVersion> parse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      List<String> pre = new ArrayList<>();
      if (m.group(4) != null) {
        pre.addAll(List.of(m.group(4).substring(1).split("\\.")));
      }
      return Optional.of(
          new AppVersion(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              pre,
              text));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  /** For settings: the version, or a start-up failure naming the key. */
  static AppVersion of(String key, String text) {
    return parse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    key + " must be a semantic version such as 1.4.2, got '" + text + "'"));
  }

  @Override
  public int compareTo(AppVersion other) {
    int c = Integer.compare(major, other.major);
    if (c == 0) {
      c = Integer.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Integer.compare(patch, other.patch);
    }
    if (c != 0) {
      return c;
    }
    if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
      return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
    }
    for (int i = 0; i < Math.min(prerelease.size(), other.prerelease.size()); i++) {
      c = compareIdentifiers(prerelease.get(i), other.prerelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(prerelease.size(), other.prerelease.size());
  }

  private static int compareIdentifiers(String a, String b) {
    boolean numericA = a.chars().allMatch(Character::isDigit);
    boolean numericB = b.chars().allMatch(Character::isDigit);
    if (numericA && numericB) {
      return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  public boolean isBelow(AppVersion other) {
    return compareTo(other) < 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
