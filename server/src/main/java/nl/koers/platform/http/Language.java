package nl.koers.platform.http;

import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The language of an answer: Dutch unless the request prefers English. Texts come from the {@code
 * messages} bundles (base file English, {@code _nl} Dutch); MessageFormat rules apply, so an
 * apostrophe is written twice.
 */
public enum Language {
  NL(Locale.forLanguageTag("nl")),
  EN(Locale.ENGLISH);

  private static final String BUNDLE = "nl.koers.platform.http.messages";
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final Locale locale;

  Language(Locale locale) {
    this.locale = locale;
  }

  public Locale locale() {
    return locale;
  }

  /** The first supported language in the request's preference order; Dutch otherwise. */
  public static Language of(RoutingContext rc) {
    return first(rc.acceptableLanguages().stream().map(LanguageHeader::tag).toList());
  }

  /**
   * The same for a raw {@code Accept-Language} value, in the order written (for requests that never
   * reach the router, which would sort by weight).
   */
  public static Language of(String acceptLanguage) {
    if (acceptLanguage == null) {
      return NL;
    }
    return first(
        Arrays.stream(acceptLanguage.split(","))
            .map(range -> range.split(";")[0].trim())
            .map(tag -> tag.split("-")[0])
            .toList());
  }

  private static Language first(List<String> tags) {
    for (String tag : tags) {
      if (tag.equalsIgnoreCase("nl")) {
        return NL;
      }
      if (tag.equalsIgnoreCase("en")) {
        return EN;
      }
    }
    return NL;
  }

  /** The text for a key, with arguments filled in; the key itself when a text is missing. */
  public String text(String key, Object... args) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return args.length == 0
        ? pattern.replace("''", "'")
        : new MessageFormat(pattern, locale).format(args);
  }
}
