package nl.koers.platform.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The server's settings. Sources, later ones winning: an optional YAML file named by {@value
 * #CONFIG_FILE}, the environment, and (in tests) explicit overrides. Keys are the same names in
 * every source.
 */
public record KoersConfig(
    String httpHost,
    int httpPort,
    int httpInstances,
    Optional<String> mongoUri,
    String mongoDatabase,
    Path dataDir,
    int rateLimitPerMinute,
    int shutdownGraceSeconds,
    Optional<Path> jwtKeysFile,
    String jwtIssuer,
    String jwtAudience,
    Optional<Boolean> devModeSetting,
    String firebaseProjectId,
    Optional<String> firebaseAuthEmulatorHost,
    Optional<String> fcmEndpointSetting,
    int notifyIntervalMillis,
    long idleRoundMillis,
    String instanceId,
    int replyWorkingDays,
    int surveyEveryWeeks,
    Duration milestonePeriod,
    Optional<Path> dataKeyFileSetting,
    int safetyPickupMinutes,
    Duration erasureAfter,
    Duration retentionGrace,
    Duration regionCacheFreshness,
    AppVersions appVersions,
    HttpLimits httpLimits,
    Management management) {

  /**
   * What one instance allows a connection: silence for at most {@code idleSeconds}, the head of a
   * request (from connecting, or from the previous answer) within {@code headerSeconds}, and at
   * most {@code maxConnections} open at once. So a client that sends nothing, or a byte now and
   * then, cannot hold a connection, and a flood cannot exhaust the file descriptors.
   */
  public record HttpLimits(int idleSeconds, int headerSeconds, int maxConnections) {}

  /**
   * Where operators' endpoints (Prometheus metrics) listen: never on the public listener, because
   * metrics name routes, counts and timings an outsider has no business seeing. Loopback by
   * default; port 0 picks a free one.
   */
  public record Management(String host, int port) {}

  public static final String CONFIG_FILE = "KOERS_CONFIG_FILE";
  public static final String HTTP_HOST = "KOERS_HTTP_HOST";
  public static final String HTTP_PORT = "KOERS_HTTP_PORT";

  /** How many HTTP verticles (event loops) serve requests; by default one per available core. */
  public static final String HTTP_INSTANCES = "KOERS_HTTP_INSTANCES";

  public static final String HTTP_IDLE_TIMEOUT_SECONDS = "KOERS_HTTP_IDLE_TIMEOUT_SECONDS";
  public static final String HTTP_HEADER_TIMEOUT_SECONDS = "KOERS_HTTP_HEADER_TIMEOUT_SECONDS";
  public static final String HTTP_MAX_CONNECTIONS = "KOERS_HTTP_MAX_CONNECTIONS";
  public static final String MANAGEMENT_HOST = "KOERS_MANAGEMENT_HOST";
  public static final String MANAGEMENT_PORT = "KOERS_MANAGEMENT_PORT";

  public static final String MONGODB_URI = "MONGODB_URI";
  public static final String MONGODB_DATABASE = "KOERS_MONGODB_DATABASE";
  public static final String DATA_DIR = "KOERS_DATA_DIR";
  public static final String RATE_LIMIT_PER_MINUTE = "KOERS_RATE_LIMIT_PER_MINUTE";
  public static final String SHUTDOWN_GRACE_SECONDS = "KOERS_SHUTDOWN_GRACE_SECONDS";
  public static final String JWT_KEYS_FILE = "KOERS_JWT_KEYS_FILE";
  public static final String JWT_ISSUER = "KOERS_JWT_ISSUER";
  public static final String JWT_AUDIENCE = "KOERS_JWT_AUDIENCE";
  public static final String DEV_MODE = "KOERS_DEV_MODE";
  public static final String FIREBASE_PROJECT_ID = "KOERS_FIREBASE_PROJECT_ID";

  public static final String FCM_ENDPOINT = "KOERS_FCM_ENDPOINT";

  /** The period of the frequent background jobs: outbox relays, push dispatch, escalations. */
  public static final String NOTIFY_INTERVAL_MILLIS = "KOERS_NOTIFY_INTERVAL_MILLIS";

  /**
   * How often the frequent jobs run while this instance took no write (default ten times {@link
   * #NOTIFY_INTERVAL_MILLIS}): a write hurries them to the notify interval, so only work another
   * instance left or time made due waits this long.
   */
  public static final String IDLE_ROUND_MILLIS = "KOERS_IDLE_ROUND_MILLIS";

  public static final String INSTANCE_ID = "KOERS_INSTANCE_ID";
  public static final String REPLY_WORKING_DAYS = "KOERS_FEEDBACK_REPLY_WORKING_DAYS";
  public static final String SURVEY_EVERY_WEEKS = "KOERS_SURVEY_EVERY_WEEKS";

  /** How often the milestone scheduler runs, as an ISO-8601 duration ({@code PT0S}: off). */
  public static final String MILESTONE_PERIOD = "KOERS_MILESTONE_PERIOD";

  public static final String DATA_KEY_FILE = "KOERS_DATA_KEY_FILE";
  public static final String GENERATED_DATA_KEY_FILE = "data-key.json";

  /**
   * Minutes a safety signal may wait for a pick-up before it escalates to the roster and admins.
   */
  public static final String SAFETY_PICKUP_MINUTES = "KOERS_SAFETY_PICKUP_MINUTES";

  /**
   * How long after a young person asks for erasure Koers erases (ISO-8601, default {@code P30D},
   * the AVG's month): time to change their mind, and for the case coordinator to hear of it.
   */
  public static final String ERASURE_AFTER = "KOERS_ERASURE_AFTER";

  /**
   * How long after a young adult passed the region's horizon (the end of its follow-up) Koers keeps
   * their data before it gives notice and erases it (ISO-8601, default {@code P183D}).
   */
  public static final String RETENTION_GRACE = "KOERS_RETENTION_GRACE";

  /**
   * How long an instance answers from what it read of a region (its latest questionnaires) before
   * it asks the database again (ISO-8601, default {@code PT30S}): the longest another instance may
   * go on using what a region changed on this one.
   */
  public static final String REGION_CACHE_FRESHNESS = "KOERS_REGION_CACHE_FRESHNESS";

  /** The lowest app version ({@code X-App-Version}) the server takes; below it answers 426. */
  public static final String MIN_APP_VERSION = "KOERS_MIN_APP_VERSION";

  /** The newest app version, as {@code GET /v1/app-config} tells it (at least the minimum). */
  public static final String CURRENT_APP_VERSION = "KOERS_CURRENT_APP_VERSION";

  /** Where the Android app is updated (its store page), named in every 426 and the app config. */
  public static final String APP_STORE_URL_ANDROID = "KOERS_APP_STORE_URL_ANDROID";

  /** Where the iOS app is updated (its App Store page). */
  public static final String APP_STORE_URL_IOS = "KOERS_APP_STORE_URL_IOS";

  /** What today's apps are: the default minimum, so they pass. */
  public static final String DEFAULT_MIN_APP_VERSION = "1.0.0";

  /** The Firebase Admin SDK's own name for it; read here so it can be refused off loopback. */
  public static final String FIREBASE_AUTH_EMULATOR_HOST = "FIREBASE_AUTH_EMULATOR_HOST";

  /** Where the embedded default keeps its generated signing keys, under the data directory. */
  public static final String GENERATED_KEYS_FILE = "jwt-keys.json";

  static final List<String> KEYS =
      List.of(
          CONFIG_FILE,
          HTTP_HOST,
          HTTP_PORT,
          HTTP_INSTANCES,
          HTTP_IDLE_TIMEOUT_SECONDS,
          HTTP_HEADER_TIMEOUT_SECONDS,
          HTTP_MAX_CONNECTIONS,
          MANAGEMENT_HOST,
          MANAGEMENT_PORT,
          MONGODB_URI,
          MONGODB_DATABASE,
          DATA_DIR,
          RATE_LIMIT_PER_MINUTE,
          SHUTDOWN_GRACE_SECONDS,
          JWT_KEYS_FILE,
          JWT_ISSUER,
          JWT_AUDIENCE,
          DEV_MODE,
          FIREBASE_PROJECT_ID,
          FIREBASE_AUTH_EMULATOR_HOST,
          FCM_ENDPOINT,
          NOTIFY_INTERVAL_MILLIS,
          IDLE_ROUND_MILLIS,
          INSTANCE_ID,
          REPLY_WORKING_DAYS,
          SURVEY_EVERY_WEEKS,
          MILESTONE_PERIOD,
          DATA_KEY_FILE,
          SAFETY_PICKUP_MINUTES,
          ERASURE_AFTER,
          RETENTION_GRACE,
          REGION_CACHE_FRESHNESS,
          MIN_APP_VERSION,
          CURRENT_APP_VERSION,
          APP_STORE_URL_ANDROID,
          APP_STORE_URL_IOS);

  /** Whether the server runs its own in-process MongoDB stand-in. */
  public boolean embeddedMongo() {
    return mongoUri.isEmpty();
  }

  /**
   * The signing key file: the configured one, or on the embedded default one generated under the
   * data directory. With a real MongoDB the keys must be configured: instances behind one load
   * balancer must share them, so generating them locally would be wrong.
   */
  public Path signingKeysFile() {
    return jwtKeysFile.orElseGet(
        () -> {
          if (!embeddedMongo()) {
            throw new IllegalStateException(
                JWT_KEYS_FILE + " must name the signing key file when MONGODB_URI is set");
          }
          return dataDir.resolve(GENERATED_KEYS_FILE);
        });
  }

  /**
   * The key that encrypts free text at rest: configured, or on the embedded default generated under
   * the data directory. With a real MongoDB it must be configured (all instances share it).
   */
  public Path dataKeyFile() {
    return dataKeyFileSetting.orElseGet(
        () -> {
          if (!embeddedMongo()) {
            throw new IllegalStateException(
                DATA_KEY_FILE + " must name the data key file when MONGODB_URI is set");
          }
          return dataDir.resolve(GENERATED_DATA_KEY_FILE);
        });
  }

  /** Whether a missing key file may be generated (only for the embedded default). */
  public boolean mayGenerateSigningKeys() {
    return jwtKeysFile.isEmpty() && embeddedMongo();
  }

  /**
   * Dev mode (demo people, sign-in without Firebase): on by default only for the embedded default
   * on a loopback address, and never allowed anywhere else.
   */
  public boolean devMode() {
    boolean local = embeddedMongo() && Loopback.is(httpHost);
    boolean on = devModeSetting.orElse(local);
    if (on && !Loopback.is(httpHost)) {
      throw new IllegalStateException(
          DEV_MODE + " is only allowed on a loopback address, not on " + httpHost);
    }
    return on;
  }

  /**
   * The Firebase Auth emulator, if configured. Its tokens are unsigned, so it is accepted only on
   * loopback, for a server that itself listens only on loopback.
   */
  public Optional<String> authEmulatorHost() {
    firebaseAuthEmulatorHost.ifPresent(
        host -> {
          String hostOnly = java.net.URI.create("http://" + host).getHost();
          if (hostOnly == null || !Loopback.is(hostOnly) || !Loopback.is(httpHost)) {
            throw new IllegalStateException(
                FIREBASE_AUTH_EMULATOR_HOST
                    + " is only allowed on loopback, for a server on loopback");
          }
        });
    return firebaseAuthEmulatorHost;
  }

  /**
   * A stand-in FCM server to push to instead of Google (tests): loopback only, so a test can never
   * push to a real phone and a deployment can never push to something else.
   */
  public Optional<java.net.URI> fcmEndpoint() {
    return fcmEndpointSetting.map(
        text -> {
          java.net.URI uri = java.net.URI.create(text);
          if (uri.getHost() == null || !Loopback.is(uri.getHost())) {
            throw new IllegalStateException(FCM_ENDPOINT + " must be a loopback URL, not " + text);
          }
          return uri;
        });
  }

  /** Reads the file (if any), the environment and the overrides, in that order. */
  public static Future<KoersConfig> load(Vertx vertx, JsonObject overrides) {
    String file = overrides.getString(CONFIG_FILE, System.getenv(CONFIG_FILE));
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0);
    if (file != null && !file.isBlank()) {
      options.addStore(
          new ConfigStoreOptions()
              .setType("file")
              .setFormat("yaml")
              .setConfig(new JsonObject().put("path", file)));
    }
    options.addStore(
        new ConfigStoreOptions()
            .setType("env")
            .setConfig(new JsonObject().put("keys", new JsonArray(KEYS))));
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(overrides));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever
        .getConfig()
        .map(KoersConfig::from)
        .eventually(
            () -> {
              retriever.close();
              return Future.succeededFuture();
            });
  }

  /** Builds the settings from one merged object, with the documented defaults. */
  public static KoersConfig from(JsonObject json) {
    String uri = text(json, MONGODB_URI, null);
    int notifyInterval = atLeastOne(json, NOTIFY_INTERVAL_MILLIS, 1000);
    return new KoersConfig(
        text(json, HTTP_HOST, "127.0.0.1"),
        number(json, HTTP_PORT, 8080),
        atLeastOne(json, HTTP_INSTANCES, Runtime.getRuntime().availableProcessors()),
        Optional.ofNullable(uri),
        text(json, MONGODB_DATABASE, "koers"),
        Path.of(text(json, DATA_DIR, "./data")),
        number(json, RATE_LIMIT_PER_MINUTE, 600),
        number(json, SHUTDOWN_GRACE_SECONDS, 20),
        Optional.ofNullable(text(json, JWT_KEYS_FILE, null)).map(Path::of),
        text(json, JWT_ISSUER, "koers"),
        text(json, JWT_AUDIENCE, "koers-app"),
        Optional.ofNullable(text(json, DEV_MODE, null)).map(KoersConfig::bool),
        text(json, FIREBASE_PROJECT_ID, "demo-koers"),
        Optional.ofNullable(text(json, FIREBASE_AUTH_EMULATOR_HOST, null)),
        Optional.ofNullable(text(json, FCM_ENDPOINT, null)),
        notifyInterval,
        // Never shorter than the notify interval: PeriodicRounds holds that rule.
        atLeastOne(
            json, IDLE_ROUND_MILLIS, (int) Math.min(Integer.MAX_VALUE, 10L * notifyInterval)),
        text(json, INSTANCE_ID, java.util.UUID.randomUUID().toString()),
        number(json, REPLY_WORKING_DAYS, 5),
        number(json, SURVEY_EVERY_WEEKS, 6),
        period(json, MILESTONE_PERIOD, Duration.ofHours(1)),
        Optional.ofNullable(text(json, DATA_KEY_FILE, null)).map(Path::of),
        number(json, SAFETY_PICKUP_MINUTES, 15),
        period(json, ERASURE_AFTER, Duration.ofDays(30)),
        period(json, RETENTION_GRACE, Duration.ofDays(183)),
        period(json, REGION_CACHE_FRESHNESS, Duration.ofSeconds(30)),
        appVersions(json),
        new HttpLimits(
            atLeastOne(json, HTTP_IDLE_TIMEOUT_SECONDS, 60),
            atLeastOne(json, HTTP_HEADER_TIMEOUT_SECONDS, 10),
            atLeastOne(json, HTTP_MAX_CONNECTIONS, 10_000)),
        new Management(
            text(json, MANAGEMENT_HOST, "127.0.0.1"), number(json, MANAGEMENT_PORT, 9464)));
  }

  /** The minimum (default {@value #DEFAULT_MIN_APP_VERSION}), the current one and store links. */
  private static AppVersions appVersions(JsonObject json) {
    String minimumText = text(json, MIN_APP_VERSION, DEFAULT_MIN_APP_VERSION);
    AppVersion minimum = AppVersion.of(MIN_APP_VERSION, minimumText);
    String currentText = text(json, CURRENT_APP_VERSION, null);
    AppVersion current =
        currentText == null ? minimum : AppVersion.of(CURRENT_APP_VERSION, currentText);
    java.util.Map<String, java.net.URI> stores = new java.util.TreeMap<>();
    storeUrl(json, APP_STORE_URL_ANDROID).ifPresent(url -> stores.put("android", url));
    storeUrl(json, APP_STORE_URL_IOS).ifPresent(url -> stores.put("ios", url));
    return new AppVersions(minimum, current, stores);
  }

  private static Optional<java.net.URI> storeUrl(JsonObject json, String key) {
    return Optional.ofNullable(text(json, key, null))
        .map(
            text -> {
              java.net.URI uri;
              try {
                uri = java.net.URI.create(text);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " must be a URL, got '" + text + "'");
              }
              if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
                  || uri.getHost() == null) {
                throw new IllegalArgumentException(
                    key + " must be an http(s) URL, got '" + text + "'");
              }
              return uri;
            });
  }

  private static String text(JsonObject json, String key, String fallback) {
    Object value = json.getValue(key);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    return value.toString().trim();
  }

  private static boolean bool(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false, got '" + value + "'");
    };
  }

  private static int atLeastOne(JsonObject json, String key, int fallback) {
    int value = number(json, key, fallback);
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + value);
    }
    return value;
  }

  /** An ISO-8601 duration ({@code PT1H}), zero or longer. */
  private static Duration period(JsonObject json, String key, Duration fallback) {
    String value = text(json, key, null);
    if (value == null) {
      return fallback;
    }
    Duration period;
    try {
      period = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          key + " must be an ISO-8601 duration such as PT1H, got '" + value + "'");
    }
    if (period.isNegative()) {
      throw new IllegalArgumentException(key + " must not be negative, got '" + value + "'");
    }
    return period;
  }

  private static int number(JsonObject json, String key, int fallback) {
    String value = text(json, key, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
    }
  }
}
