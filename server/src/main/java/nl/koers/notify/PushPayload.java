package nl.koers.notify;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The only place a push message is made. Whatever the notification is about, the phone's lock
 * screen shows one generic, localized sentence, and the data carries exactly {@link #DATA_KEYS}: a
 * coarse type and the notification's id (what to fetch from the inbox). No name, no care content,
 * ever; the app reads the rest over the API, signed in.
 */
public final class PushPayload {

  /** Everything a push may carry as data. */
  public static final Set<String> DATA_KEYS = Set.of("type", "id");

  private static final String TITLE = "Koers";
  private static final Map<String, String> BODY =
      Map.of(
          "nl", "Er is iets nieuws voor je in Koers",
          "en", "There is something new for you in Koers");

  private PushPayload() {}

  /**
   * The message for one device. {@code id} doubles as the collapse key, so if a push is ever sent
   * twice the phone still shows one.
   */
  public static Message message(
      String token,
      NotificationType type,
      String notificationId,
      String locale,
      Duration timeToLive) {
    Map<String, String> data = Map.of("type", type.pushCode(), "id", notificationId);
    if (!DATA_KEYS.equals(data.keySet())) {
      throw new IllegalStateException("push data beyond the allowlist");
    }
    long ttlSeconds = Math.max(0, timeToLive.toSeconds());
    return Message.builder()
        .setToken(token)
        .putAllData(data)
        .setNotification(Notification.builder().setTitle(TITLE).setBody(body(locale)).build())
        .setAndroidConfig(
            AndroidConfig.builder()
                .setCollapseKey(notificationId)
                .setTtl(ttlSeconds * 1000)
                .setPriority(
                    type.urgent() ? AndroidConfig.Priority.HIGH : AndroidConfig.Priority.NORMAL)
                .build())
        .setApnsConfig(
            ApnsConfig.builder()
                .putHeader("apns-collapse-id", notificationId)
                .putHeader("apns-priority", type.urgent() ? "10" : "5")
                .setAps(Aps.builder().setSound("default").build())
                .build())
        .build();
  }

  /** Dutch unless the device asked for English. */
  static String body(String locale) {
    String language =
        locale == null ? "nl" : Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
    return BODY.getOrDefault(language, BODY.get("nl"));
  }
}
