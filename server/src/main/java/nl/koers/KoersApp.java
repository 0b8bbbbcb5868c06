package nl.koers;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.koers.api.CircleHandlers;
import nl.koers.api.ConversationHandlers;
import nl.koers.api.DashboardHandlers;
import nl.koers.api.DevClockHandlers;
import nl.koers.api.FeedbackHandlers;
import nl.koers.api.HttpApiVerticle;
import nl.koers.api.InsightsHandlers;
import nl.koers.api.KeysHandler;
import nl.koers.api.MentorHandlers;
import nl.koers.api.NotifyHandlers;
import nl.koers.api.PlanHandlers;
import nl.koers.api.RegistrationHandlers;
import nl.koers.api.SafetyHandlers;
import nl.koers.api.SessionHandlers;
import nl.koers.api.SystemHandlers;
import nl.koers.api.TransitionHandlers;
import nl.koers.circle.AccessLog;
import nl.koers.circle.CareCircle;
import nl.koers.circle.Circles;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Consents;
import nl.koers.circle.DemoRegion;
import nl.koers.circle.Registrations;
import nl.koers.circle.Replays;
import nl.koers.circle.SafetyRoster;
import nl.koers.circle.SecurityLog;
import nl.koers.circle.YouthRecords;
import nl.koers.feedback.Feedback;
import nl.koers.feedback.FeedbackRecords;
import nl.koers.feedback.Questionnaires;
import nl.koers.feedback.SafetyContacts;
import nl.koers.feedback.SafetySignals;
import nl.koers.identity.AccessTokens;
import nl.koers.identity.Accounts;
import nl.koers.identity.Activations;
import nl.koers.identity.FirebaseAdminIdTokens;
import nl.koers.identity.FirebaseIdTokens;
import nl.koers.identity.KoersJwtAuth;
import nl.koers.identity.People;
import nl.koers.identity.RefreshTokens;
import nl.koers.identity.SessionChecks;
import nl.koers.identity.Sessions;
import nl.koers.identity.SigningKeys;
import nl.koers.insights.Insights;
import nl.koers.insights.PublishedIndicators;
import nl.koers.insights.Rollups;
import nl.koers.insights.SyntheticRegions;
import nl.koers.mentor.Mentors;
import nl.koers.mentor.Nominations;
import nl.koers.notify.DevOutbox;
import nl.koers.notify.Devices;
import nl.koers.notify.Dispatcher;
import nl.koers.notify.Inbox;
import nl.koers.notify.Messaging;
import nl.koers.notify.Notifications;
import nl.koers.notify.OutboxRelay;
import nl.koers.notify.Preferences;
import nl.koers.notify.Pushes;
import nl.koers.plan.Plans;
import nl.koers.platform.background.Leases;
import nl.koers.platform.background.PeriodicRounds;
import nl.koers.platform.clock.DevClock;
import nl.koers.platform.config.KoersConfig;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.http.Caller;
import nl.koers.platform.http.ContractRouter;
import nl.koers.platform.http.RateLimiter;
import nl.koers.platform.idempotency.IdempotencyStore;
import nl.koers.platform.idempotency.IdempotentRequests;
import nl.koers.platform.mongo.CollectionSpec;
import nl.koers.platform.mongo.Mongo;
import nl.koers.platform.mongo.MongoConnection;
import nl.koers.transition.Checklists;
import nl.koers.transition.Conversations;
import nl.koers.transition.ExtendedCare;
import nl.koers.transition.Handovers;
import nl.koers.transition.Transitions;

/**
 * Koers, wired: MongoDB (real or embedded), the collections and indexes every capability declares,
 * and the HTTP API built from the contract. {@link #stop()} is the graceful way down.
 */
public final class KoersApp {

  /** The contract, on the classpath (module {@code openapi}). */
  public static final String CONTRACT = "koers.yaml";

  /** Every collection the application uses, with the indexes its queries need. */
  static final List<CollectionSpec> COLLECTIONS =
      List.of(
          IdempotencyStore.SPEC,
          People.SPEC,
          Accounts.SPEC,
          RefreshTokens.FAMILIES,
          RefreshTokens.TOKENS,
          Activations.SPEC,
          YouthRecords.SPEC,
          AccessLog.SPEC,
          SecurityLog.SPEC,
          ConsentLog.SPEC,
          Notifications.SPEC,
          Devices.SPEC,
          Preferences.SPEC,
          Questionnaires.SPEC,
          FeedbackRecords.SPEC,
          SafetySignals.SPEC,
          SafetyRoster.SPEC,
          Nominations.SPEC,
          Plans.PLANS,
          Plans.VERSIONS,
          Leases.SPEC,
          Checklists.TEMPLATES,
          Checklists.CHECKLISTS,
          ExtendedCare.REGIONS,
          Conversations.SPEC,
          Handovers.SPEC,
          Rollups.SPEC,
          PublishedIndicators.SPEC,
          Insights.QUERY_LOG,
          DevClock.SPEC);

  /** The collections whose documents keep an outbox of facts for the region's indicators. */
  static final List<String> FACT_SOURCES =
      List.of(FeedbackRecords.SPEC.name(), SafetySignals.SPEC.name());

  /** The collections whose documents keep consent lines to relay, and how they name the youth. */
  static final List<ConsentLog.Source> CONSENT_SOURCES =
      List.of(
          new ConsentLog.Source(YouthRecords.SPEC.name(), "_id"),
          new ConsentLog.Source(Nominations.SPEC.name(), "youthId"),
          new ConsentLog.Source(FeedbackRecords.SPEC.name(), "youthId"),
          new ConsentLog.Source(Plans.PLANS.name(), "_id"));

  /** The collections whose documents keep an outbox of notification intents. */
  static final List<String> OUTBOX_SOURCES =
      List.of(
          YouthRecords.SPEC.name(),
          People.SPEC.name(),
          FeedbackRecords.SPEC.name(),
          SafetySignals.SPEC.name(),
          Nominations.SPEC.name(),
          Conversations.SPEC.name());

  private final Vertx vertx;
  private final MongoConnection connection;
  private final HttpApiVerticle api;
  private final String apiDeployment;
  private final String notifyDeployment;
  private final PeriodicRounds background;

  private KoersApp(
      Vertx vertx,
      MongoConnection connection,
      HttpApiVerticle api,
      String apiDeployment,
      String notifyDeployment,
      PeriodicRounds background) {
    this.vertx = vertx;
    this.connection = connection;
    this.api = api;
    this.apiDeployment = apiDeployment;
    this.notifyDeployment = notifyDeployment;
    this.background = background;
  }

  /** Every capability's services, wired once. */
  private record Services(
      People people,
      Accounts accounts,
      Sessions sessions,
      CareCircle circle,
      Circles circles,
      Registrations registrations,
      ConsentLog consentLog,
      Consents consents,
      FirebaseIdTokens firebase,
      IdempotentRequests idempotent,
      Devices devices,
      Inbox inbox,
      Preferences preferences,
      Optional<DevOutbox> devOutbox,
      OutboxRelay relay,
      Dispatcher dispatcher,
      Questionnaires questionnaires,
      Feedback feedback,
      SafetySignals safetySignals,
      SafetyContacts safetyContacts,
      Mentors mentors,
      Plans plans,
      Transitions transitions,
      Checklists checklists,
      ExtendedCare extendedCare,
      Conversations conversations,
      Handovers handovers,
      Insights insights) {

    static Services wire(
        Vertx vertx,
        Parts parts,
        AccessTokens tokens,
        RefreshTokens refreshTokens,
        SessionChecks sessionChecks,
        FirebaseIdTokens firebase) {
      KoersConfig config = parts.config();
      Clock clock = parts.clock();
      Mongo mongo = parts.connection().mongo();
      People people = new People(mongo);
      Accounts accounts = new Accounts(mongo, people, clock);
      Sessions sessions = new Sessions(vertx, tokens, refreshTokens, sessionChecks);
      YouthRecords records = new YouthRecords(mongo);
      AccessLog accessLog = new AccessLog(mongo);
      SecurityLog securityLog = new SecurityLog(mongo);
      SafetyRoster safetyRoster = new SafetyRoster(mongo);
      CareCircle circle =
          new CareCircle(records, people, accessLog, securityLog, safetyRoster::includes, clock);
      // A replayed Idempotency-Key is allowed again as a fresh request would be.
      Replays replays = new Replays(circle, records, securityLog, clock);
      Notifications notifications = new Notifications(mongo);
      Inbox inbox = new Inbox(notifications, clock);
      Devices devices = new Devices(mongo, clock);
      Preferences preferences = new Preferences(mongo);
      Optional<DevOutbox> devOutbox =
          config.fcmEndpoint().isEmpty() && config.devMode()
              ? Optional.of(new DevOutbox(clock))
              : Optional.empty();
      Messaging messaging =
          config
              .fcmEndpoint()
              .map(uri -> Messaging.standIn(vertx, config.firebaseProjectId(), uri))
              .or(
                  () ->
                      devOutbox.map(
                          outbox -> Messaging.dev(vertx, config.firebaseProjectId(), outbox)))
              .orElseGet(() -> Messaging.google(vertx, config.firebaseProjectId()));
      Questionnaires questionnaires = new Questionnaires(mongo);
      SafetyContacts safetyContacts = new SafetyContacts(safetyRoster, circle, people, clock);
      Feedback feedback =
          new Feedback(
              circle,
              questionnaires,
              new FeedbackRecords(mongo),
              people,
              new Feedback.Settings(
                  config.replyWorkingDays(), Duration.ofDays(7L * config.surveyEveryWeeks())),
              clock);
      Checklists checklists = new Checklists(mongo, circle, clock);
      Plans plans = new Plans(mongo, circle, clock);
      SafetySignals safetySignals =
          new SafetySignals(
              mongo,
              circle,
              records,
              safetyContacts,
              people,
              Duration.ofMinutes(config.safetyPickupMinutes()),
              clock);
      Conversations conversations = new Conversations(mongo, circle, parts.cipher(), clock);
      replays.on(Conversations.CHECK, conversations::allowAgain);
      ConsentLog consentLog = new ConsentLog(mongo, CONSENT_SOURCES);
      Consents consents = new Consents(circle, records, consentLog, people, inbox, clock);
      return new Services(
          people,
          accounts,
          sessions,
          circle,
          new Circles(circle, records, people, accessLog, clock),
          new Registrations(
              people, records, circle, new Activations(mongo, clock), accounts, sessions, clock),
          consentLog,
          consents,
          firebase,
          new IdempotentRequests(
              new IdempotencyStore(mongo, clock), rc -> Caller.of(rc).personId(), replays),
          devices,
          inbox,
          preferences,
          devOutbox,
          new OutboxRelay(mongo, notifications, OUTBOX_SOURCES),
          new Dispatcher(
              config.instanceId(),
              notifications,
              devices,
              preferences,
              new Pushes(vertx, messaging),
              circle::mayHearAbout,
              clock),
          questionnaires,
          feedback,
          safetySignals,
          safetyContacts,
          new Mentors(new Nominations(mongo), circle, consents, records, people, inbox, clock),
          plans,
          new Transitions(
              records,
              circle,
              people,
              new Leases(mongo, clock),
              checklists,
              feedback,
              config.instanceId(),
              clock),
          checklists,
          new ExtendedCare(mongo, checklists, records, circle, clock),
          conversations,
          new Handovers(mongo, circle, clock),
          new Insights(mongo, new Rollups(mongo), people, records, plans, FACT_SOURCES, clock));
    }
  }

  /** What the HTTP API is built from, once loaded. */
  private record Parts(
      KoersConfig config,
      Clock clock,
      Optional<DevClock> devClock,
      PrometheusMeterRegistry registry,
      MongoConnection connection,
      SigningKeys keys,
      FieldCipher cipher,
      Buffer contract) {}

  public static Future<KoersApp> start(
      Vertx vertx, KoersConfig config, Clock clock, PrometheusMeterRegistry registry) {
    return MongoConnection.open(vertx, config)
        .compose(
            connection ->
                connection
                    .mongo()
                    .ensure(COLLECTIONS)
                    .compose(v -> new Questionnaires(connection.mongo()).seedDefaults())
                    .compose(v -> seedDemoRegion(connection, config, clock))
                    .compose(v -> devClock(connection, config, clock))
                    .compose(
                        devClock ->
                            loadSigningKeys(vertx, config, clock)
                                .map(keys -> Map.entry(devClock, keys)))
                    .compose(
                        loaded ->
                            loadDataKey(vertx, config)
                                .compose(
                                    cipher ->
                                        vertx
                                            .fileSystem()
                                            .readFile(CONTRACT)
                                            .map(
                                                contract ->
                                                    new Parts(
                                                        config,
                                                        loaded
                                                            .getKey()
                                                            .<Clock>map(dev -> dev)
                                                            .orElse(clock),
                                                        loaded.getKey(),
                                                        registry,
                                                        connection,
                                                        loaded.getValue(),
                                                        cipher,
                                                        contract))))
                    .compose(parts -> deploy(vertx, parts))
                    .onFailure(e -> connection.close()));
  }

  /**
   * Dev mode runs on a clock a newcomer can move forward ({@code POST /v1/dev/clock}), with the
   * offset earlier runs left; the demo seed's ages follow the real date, so they keep what was
   * reached.
   */
  private static Future<Optional<DevClock>> devClock(
      MongoConnection connection, KoersConfig config, Clock clock) {
    return config.devMode()
        ? DevClock.load(connection.mongo(), clock).map(Optional::of)
        : Future.succeededFuture(Optional.empty());
  }

  private static Future<Void> seedDemoRegion(
      MongoConnection connection, KoersConfig config, Clock clock) {
    if (!config.devMode()) {
      return Future.succeededFuture();
    }
    Mongo mongo = connection.mongo();
    // pro-joris, a professional of the region in no circle, is its safety-contact roster.
    return new DemoRegion(new People(mongo), new YouthRecords(mongo), clock)
        .seed()
        .compose(
            v ->
                new SafetyRoster(mongo)
                    .seedUnlessSet(
                        DemoRegion.REGION,
                        List.of(new SafetyRoster.Member(DemoRegion.idOf("pro-joris"), List.of())),
                        clock.instant()))
        .compose(v -> Checklists.seedTemplate(mongo, DemoRegion.REGION))
        // The demo region follows its young adults up to 23.
        .compose(v -> ExtendedCare.seedHorizon(mongo, DemoRegion.REGION, 23))
        .compose(v -> new SyntheticRegions(mongo, clock).seed());
  }

  private static Future<KoersApp> deploy(Vertx vertx, Parts parts) {
    KoersConfig config = parts.config();
    AccessTokens tokens =
        new AccessTokens(parts.keys(), parts.clock(), config.jwtIssuer(), config.jwtAudience());
    FirebaseIdTokens firebase =
        new FirebaseAdminIdTokens(vertx, config.firebaseProjectId(), config.authEmulatorHost());
    RefreshTokens refreshTokens = new RefreshTokens(parts.connection().mongo(), parts.clock());
    // Every request asks whether its session still stands (cached per SessionChecks.CACHE_WINDOW).
    SessionChecks sessionChecks = new SessionChecks(refreshTokens, firebase, parts.clock());
    Services services = Services.wire(vertx, parts, tokens, refreshTokens, sessionChecks, firebase);
    PeriodicRounds background = background(config, services);
    Map<String, List<Handler<RoutingContext>>> operations =
        operations(vertx, parts, services, background);
    // Signed-in callers are limited per person, everyone else per address.
    ContractRouter.Plumbing plumbing =
        new ContractRouter.Plumbing(
            List.of(),
            Optional.of(
                JWTAuthHandler.create(
                    new KoersJwtAuth(tokens, sessionChecks), ContractRouter.BEARER_SCHEME)),
            List.of(
                new RateLimiter(
                    config.rateLimitPerMinute(), parts.clock(), rc -> Caller.of(rc).personId())),
            List.of(
                new RateLimiter(
                    config.rateLimitPerMinute(), parts.clock(), RateLimiter::clientAddress)));
    HttpApiVerticle api =
        new HttpApiVerticle(
            config.httpHost(),
            config.httpPort(),
            config.shutdownGraceSeconds(),
            () -> ContractRouter.create(vertx, CONTRACT, operations, plumbing));
    return vertx
        .deployVerticle(api)
        .compose(
            apiId ->
                vertx
                    .deployVerticle(background)
                    .map(
                        notifyId ->
                            new KoersApp(
                                vertx, parts.connection(), api, apiId, notifyId, background)));
  }

  /** The background jobs, on a timer ({@link PeriodicRounds}). */
  private static PeriodicRounds background(KoersConfig config, Services services) {
    List<PeriodicRounds.Job> jobs =
        new java.util.ArrayList<>(
            List.of(
                PeriodicRounds.Job.everyRound("outbox relay", services.relay()::relay),
                PeriodicRounds.Job.everyRound("consent relay", services.consentLog()::relay),
                PeriodicRounds.Job.everyRound("push dispatch", services.dispatcher()::dispatchDue),
                PeriodicRounds.Job.everyRound(
                    "feedback escalation", services.feedback()::escalateOverdue),
                PeriodicRounds.Job.everyRound(
                    "safety follow-up", services.safetySignals()::followUpDue),
                PeriodicRounds.Job.everyRound(
                    "safety pick-up escalation", services.safetySignals()::escalateUnpicked),
                PeriodicRounds.Job.everyRound(
                    "mentor check-ins", services.mentors()::askDueCheckIns),
                PeriodicRounds.Job.everyRound("insights relay", services.insights()::relay),
                // At start-up, then about once an hour: the circles' states for the indicators.
                new PeriodicRounds.Job("insights snapshot", services.insights()::snapshot, 3600),
                // Closed months from the 3rd of the next month, frozen (also on the first query).
                new PeriodicRounds.Job(
                    "insights publication", services.insights()::publishDue, 3600),
                // About once an hour at the default interval, stale devices go.
                new PeriodicRounds.Job("stale devices", services.devices()::purgeStale, 3600)));
    if (config.milestoneEveryRounds() > 0) {
      // At start-up, then hourly at the default interval; one instance at a time (lease).
      jobs.add(
          new PeriodicRounds.Job(
              "milestones", services.transitions()::runMilestones, config.milestoneEveryRounds()));
    }
    return new PeriodicRounds(jobs, config.notifyIntervalMillis());
  }

  /** Every operation id of the contract that is built, with its handlers. */
  private static Map<String, List<Handler<RoutingContext>>> operations(
      Vertx vertx, Parts parts, Services services, PeriodicRounds background) {
    KoersConfig config = parts.config();
    Clock clock = parts.clock();
    Mongo mongo = parts.connection().mongo();
    SystemHandlers system =
        new SystemHandlers(vertx, parts.contract(), mongo::ping, parts.registry());
    Map<String, List<Handler<RoutingContext>>> operations = new HashMap<>(system.operations());
    operations.put("getJwks", List.of(new KeysHandler(parts.keys(), clock)::jwks));
    IdempotentRequests idempotent = services.idempotent();

    SessionHandlers session =
        new SessionHandlers(
            services.firebase(),
            services.accounts(),
            services.sessions(),
            services.circles(),
            services.devices());
    operations.put("createSession", List.of(session::createSession));
    operations.put("refreshSession", List.of(session::refreshSession));
    operations.put("endSession", List.of(session::endSession));
    operations.put(
        "createDevSession",
        List.of(config.devMode() ? session::createDevSession : SystemHandlers::absent));
    operations.put("getMe", List.of(session::getMe));
    Optional<DevClockHandlers> devClock =
        parts.devClock().map(dev -> new DevClockHandlers(dev, background::runNow));
    operations.put(
        "getDevClock",
        List.of(
            devClock
                .<Handler<RoutingContext>>map(h -> h::getDevClock)
                .orElse(SystemHandlers::absent)));
    operations.put(
        "advanceDevClock",
        List.of(
            devClock
                .<Handler<RoutingContext>>map(h -> h::advanceDevClock)
                .orElse(SystemHandlers::absent)));

    CircleHandlers circleHandlers =
        new CircleHandlers(services.circles(), services.registrations(), services.consents());
    operations.put("getYouthProfile", List.of(circleHandlers::getYouthProfile));
    operations.put("getCircle", List.of(circleHandlers::getCircle));
    operations.put("getAccessLog", List.of(circleHandlers::getAccessLog));
    operations.put("getAdultConfirmation", List.of(circleHandlers::getAdultConfirmation));
    operations.put(
        "confirmCircleAsAdult", List.of(idempotent, circleHandlers::confirmCircleAsAdult));
    operations.put("endRelation", List.of(idempotent, circleHandlers::endRelation));
    operations.put("setRelationScopes", List.of(circleHandlers::setRelationScopes));
    operations.put("getConsents", List.of(circleHandlers::getConsents));
    operations.put("assignCaseCoordinator", List.of(circleHandlers::assignCaseCoordinator));

    RegistrationHandlers registration = new RegistrationHandlers(services.registrations(), session);
    operations.put("registerProfessional", List.of(idempotent, registration::registerProfessional));
    operations.put("registerYouth", List.of(idempotent, registration::registerYouth));
    operations.put("addToCircle", List.of(idempotent, registration::addToCircle));
    operations.put("redeemActivation", List.of(registration::redeemActivation));

    NotifyHandlers notify =
        new NotifyHandlers(
            services.devices(),
            services.inbox(),
            services.preferences(),
            services.people(),
            services.devOutbox(),
            clock);
    operations.put("registerDevice", List.of(notify::registerDevice));
    operations.put("removeDevice", List.of(notify::removeDevice));
    operations.put("getNotifications", List.of(notify::getNotifications));
    operations.put("markNotificationRead", List.of(notify::markNotificationRead));
    operations.put("getNotificationPreferences", List.of(notify::getNotificationPreferences));
    operations.put("putNotificationPreferences", List.of(notify::putNotificationPreferences));
    operations.put(
        "createDevNotification",
        List.of(config.devMode() ? notify::devNotify : SystemHandlers::absent));
    FeedbackHandlers feedback =
        new FeedbackHandlers(services.feedback(), services.questionnaires(), services.people());
    operations.put("getQuestionnaire", List.of(feedback::getQuestionnaire));
    operations.put("getQuestionnaireFhir", List.of(feedback::getQuestionnaireFhir));
    operations.put("publishQuestionnaire", List.of(idempotent, feedback::publishQuestionnaire));
    operations.put("logContactMoment", List.of(idempotent, feedback::logContactMoment));
    operations.put("getFeedbackRequests", List.of(feedback::getFeedbackRequests));
    operations.put("submitFeedback", List.of(idempotent, feedback::submitFeedback));
    operations.put("getFeedback", List.of(feedback::getFeedback));
    operations.put("getFeedbackFhir", List.of(feedback::getFeedbackFhir));
    operations.put("respondToFeedback", List.of(idempotent, feedback::respondToFeedback));
    operations.put("rateFeedbackResponse", List.of(idempotent, feedback::rateResponse));

    SafetyHandlers safety = new SafetyHandlers(services.safetySignals(), services.safetyContacts());
    operations.put("raiseSafetySignal", List.of(idempotent, safety::raiseSafetySignal));
    operations.put("getSafetySignals", List.of(safety::getSafetySignals));
    operations.put("getSafetySignal", List.of(safety::getSafetySignal));
    operations.put("pickUpSafetySignal", List.of(idempotent, safety::pickUpSafetySignal));
    operations.put("closeSafetySignal", List.of(idempotent, safety::closeSafetySignal));
    operations.put("answerSafetyFollowUp", List.of(idempotent, safety::answerSafetyFollowUp));
    operations.put("getSafetyContacts", List.of(safety::getSafetyContacts));
    operations.put("putSafetyContacts", List.of(safety::putSafetyContacts));

    MentorHandlers mentor = new MentorHandlers(services.mentors());
    operations.put("nominateMentor", List.of(idempotent, mentor::nominateMentor));
    operations.put("getMentorNominations", List.of(mentor::getMentorNominations));
    operations.put(
        "withdrawMentorNomination", List.of(idempotent, mentor::withdrawMentorNomination));
    operations.put("acceptMentorInvite", List.of(idempotent, mentor::acceptMentorInvite));
    operations.put("recordParentAgreement", List.of(idempotent, mentor::recordParentAgreement));
    operations.put("confirmMentor", List.of(idempotent, mentor::confirmMentor));
    operations.put("endMentor", List.of(mentor::endMentor));
    operations.put("stepDownAsMentor", List.of(idempotent, mentor::stepDownAsMentor));
    operations.put("setMentorScopes", List.of(mentor::setMentorScopes));
    operations.put("checkInAsMentor", List.of(idempotent, mentor::checkInAsMentor));
    operations.put("getMentorCheckIns", List.of(mentor::getMentorCheckIns));

    PlanHandlers plan = new PlanHandlers(services.plans());
    operations.put("getPlan", List.of(plan::getPlan));
    operations.put("putPlan", List.of(plan::putPlan));
    operations.put("patchPlanDomain", List.of(plan::patchPlanDomain));
    operations.put("getPlanVersions", List.of(plan::getPlanVersions));

    TransitionHandlers transition =
        new TransitionHandlers(
            services.transitions(),
            services.checklists(),
            services.handovers(),
            services.extendedCare());
    InsightsHandlers insights = new InsightsHandlers(services.insights());
    DashboardHandlers dashboard = new DashboardHandlers(vertx);
    operations.put("getDashboard", List.of(dashboard::page));
    operations.put("getDashboardAsset", List.of(dashboard::asset));
    operations.put("getIndicators", List.of(insights::getIndicators));
    operations.put("getIndicatorsCsv", List.of(insights::getIndicatorsCsv));
    operations.put("getExtendedCare", List.of(transition::getExtendedCare));
    operations.put("putExtendedCare", List.of(transition::putExtendedCare));
    operations.put("recordHandover", List.of(idempotent, transition::recordHandover));
    operations.put("getHandovers", List.of(transition::getHandovers));
    operations.put("confirmHandover", List.of(idempotent, transition::confirmHandover));
    operations.put("getTransitionChecklist", List.of(transition::getChecklist));
    operations.put("updateChecklistItem", List.of(transition::updateChecklistItem));
    operations.put("getSteadyContact", List.of(transition::getSteadyContact));
    operations.put("nameSteadyContact", List.of(idempotent, transition::nameSteadyContact));
    operations.put("confirmSteadyContact", List.of(idempotent, transition::confirmSteadyContact));
    ConversationHandlers conversation = new ConversationHandlers(services.conversations());
    operations.put("getMessages", List.of(conversation::getMessages));
    operations.put("sendMessage", List.of(idempotent, conversation::sendMessage));

    operations.put(
        "getDevOutbox", List.of(config.devMode() ? notify::getDevOutbox : SystemHandlers::absent));
    return operations;
  }

  /** The data key for text at rest: file I/O, off the event loop. */
  private static Future<FieldCipher> loadDataKey(Vertx vertx, KoersConfig config) {
    return vertx.executeBlocking(
        () -> FieldCipher.load(config.dataKeyFile(), config.embeddedMongo()), false);
  }

  /** Reading (or, on the embedded default, generating) RSA keys is slow: off the event loop. */
  private static Future<SigningKeys> loadSigningKeys(Vertx vertx, KoersConfig config, Clock clock) {
    return vertx.executeBlocking(
        () -> SigningKeys.load(config.signingKeysFile(), config.mayGenerateSigningKeys(), clock),
        false);
  }

  public int port() {
    return api.actualPort();
  }

  /**
   * Runs every background job once now, then the every-round ones (relays, dispatch) once more, so
   * what the first pass recorded is delivered too; answers when done. Queued behind a round in
   * progress, never beside it. For tests that must know a round has run.
   */
  public Future<Void> runBackgroundNow() {
    return background.runNow();
  }

  /** Lets requests in flight and the notification round finish, then closes the database. */
  public Future<Void> stop() {
    return vertx
        .undeploy(apiDeployment)
        .eventually(() -> vertx.undeploy(notifyDeployment))
        .eventually(() -> vertx.executeBlocking(this::closeConnection, false));
  }

  private Void closeConnection() {
    connection.close();
    return null;
  }
}
