package nl.koers.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import nl.koers.circle.Circles;
import nl.koers.circle.ConsentLog;
import nl.koers.circle.Consents;
import nl.koers.circle.Relation;
import nl.koers.circle.Scope;
import nl.koers.mentor.Nomination;
import nl.koers.notify.Devices;
import nl.koers.notify.Inbox;
import nl.koers.platform.paging.Page;
import nl.koers.platform.paging.PageRequest;
import nl.koers.platform.problem.Problem;
import nl.koers.platform.security.Caller;
import nl.koers.transition.Checklists;
import nl.koers.transition.Conversations;
import nl.koers.transition.Handovers;

/**
 * Builds one young person's copy, section by section, from the capabilities' own reads made as the
 * young person (a background caller whose access-log lines are never settled: the request for the
 * copy is the logged access, not each read behind it). A section the young person has no access to
 * yet (the plan before 16) is empty, not an error; any other failure fails the build, which is
 * tried again, so a copy is never silently incomplete.
 */
final class ExportSections {

  /** Pages as large as the API allows, until the last. */
  private static final int PAGE = PageRequest.MAX_LIMIT;

  private final ExportSources sources;

  ExportSections(ExportSources sources) {
    this.sources = sources;
  }

  /** The whole document of {@code export}, texts in its language, other people's ids hidden. */
  Future<JsonObject> build(DataExport export, Circles.Texts language, Instant now) {
    String youthId = export.youthId();
    Caller self = new Caller(youthId, "export", "export:" + export.id());
    JsonObject doc =
        new JsonObject()
            .put("format", "koers-youth-data-export/1")
            .put("exportId", export.id())
            .put("youthId", youthId)
            .put("generatedAt", now.toString())
            .put("language", export.language());
    return sources
        .circles()
        .profile(self, youthId)
        .compose(
            card -> {
              ExportPeople people = new ExportPeople(youthId, card.youth().firstName());
              doc.put("profile", profile(card, people));
              return sources
                  .circles()
                  .members(self, youthId)
                  .map(members -> doc.put("circle", circle(members, people)))
                  .compose(v -> ofTheHelp(self, youthId, people, doc))
                  .compose(v -> ofTheApp(self, youthId, language, people, doc))
                  .map(v -> people.masked(doc));
            });
  }

  /** The sections about the help: consents, feedback, safety, the plan and the move to 18. */
  private Future<Void> ofTheHelp(Caller self, String youthId, ExportPeople people, JsonObject doc) {
    return all(p -> sources.consents().history(self, youthId, p))
        .map(seen -> doc.put("consents", consents(seen, people)))
        .compose(v -> all(p -> sources.feedback().list(self, youthId, p)))
        .map(items -> doc.put("feedback", new JsonArray(List.copyOf(items))))
        .compose(v -> sources.safetySignals().list(self, youthId))
        .map(items -> doc.put("safetySignals", new JsonArray(List.copyOf(items))))
        .compose(v -> plan(self, youthId, people))
        .map(plan -> doc.put("plan", plan))
        .compose(v -> orEmpty(sources.checklists().read(self, youthId)))
        .map(found -> doc.put("checklist", checklist(found, people)))
        .compose(v -> orEmpty(sources.transitions().steadyContact(self, youthId)))
        .map(found -> doc.put("steadyContact", steady(found.flatMap(s -> s), people)))
        .compose(v -> sources.handovers().list(self, youthId))
        .map(found -> doc.put("handovers", handovers(found, people)))
        .mapEmpty();
  }

  /** The sections of using the app: messages, inbox, phones, the JIM, who looked. */
  private Future<Void> ofTheApp(
      Caller self, String youthId, Circles.Texts language, ExportPeople people, JsonObject doc) {
    return conversations(self, youthId, people)
        .map(found -> doc.put("conversations", found))
        .compose(v -> all(p -> sources.inbox().of(youthId, false, p)))
        .map(items -> doc.put("notifications", notifications(items)))
        .compose(v -> sources.devices().freshOf(youthId))
        .map(found -> doc.put("devices", devices(found)))
        .compose(v -> mentor(self, youthId, people))
        .map(found -> doc.put("mentor", found))
        .compose(v -> all(p -> sources.circles().accessLog(self, youthId, true, language, p)))
        .map(lines -> doc.put("accessLog", accessLog(lines, people)))
        .mapEmpty();
  }

  /** Every page of a list, in the list's own order. */
  private static <T> Future<List<T>> all(Function<PageRequest, Future<Page<T>>> page) {
    return collect(page, PageRequest.first(PAGE), new ArrayList<>());
  }

  private static <T> Future<List<T>> collect(
      Function<PageRequest, Future<Page<T>>> page, PageRequest request, List<T> so) {
    return page.apply(request)
        .compose(
            found -> {
              so.addAll(found.items());
              return found.next() == null
                  ? Future.succeededFuture(so)
                  : collect(page, PageRequest.after(found.next(), PAGE), so);
            });
  }

  /** A section the young person may not see yet (a rule of its own: 403, 404) is empty. */
  private static <T> Future<Optional<T>> orEmpty(Future<T> read) {
    return read.map(Optional::of)
        .recover(
            e ->
                e instanceof Problem problem && problem.status() < 500
                    ? Future.succeededFuture(Optional.empty())
                    : Future.failedFuture(e));
  }

  private static JsonObject profile(Circles.ProfileCard card, ExportPeople people) {
    return new JsonObject()
        .put("id", card.youth().id())
        .put("firstName", card.youth().firstName())
        .put("ageBand", nl.koers.circle.AgeRules.ageBand(card.age()))
        .put("jim", card.jim().map(n -> people.person(n.id(), n.name(), "JIM")).orElse(null))
        .put(
            "steadyContact",
            card.steadyContact()
                .map(n -> people.person(n.id(), n.name(), "STEADY_CONTACT"))
                .orElse(null))
        .put("readingLevel", card.youth().readingLevel().name());
  }

  private static JsonArray circle(List<Circles.Member> members, ExportPeople people) {
    members.forEach(
        m -> people.learn(m.relation().personId(), name(m.person()), m.relation().kind().name()));
    JsonArray items = new JsonArray();
    for (Circles.Member m : members) {
      Relation r = m.relation();
      items.add(
          new JsonObject()
              .put("id", r.id())
              .put("kind", r.kind().name())
              .put("person", people.person(r.personId()))
              .put("since", r.since().toString())
              .put("until", r.until().map(Object::toString).orElse(null))
              .put(
                  "scopes",
                  new JsonArray(
                      m.scopes().stream()
                          .sorted(Comparator.naturalOrder())
                          .map(Scope::wire)
                          .toList()))
              .put("status", m.status().name()));
    }
    return items;
  }

  private static String name(Circles.Named named) {
    return named == null ? null : named.name();
  }

  private static JsonArray consents(List<Consents.Seen> seen, ExportPeople people) {
    JsonArray items = new JsonArray();
    for (Consents.Seen s : seen) {
      ConsentLog.Entry e = s.entry();
      people.learn(e.deciderId(), s.firstName(), e.capacity());
      items.add(
          new JsonObject()
              .put("id", e.id())
              .put("at", e.at().toString())
              .put("ageBand", e.ageBand())
              .put("decidedBy", people.person(e.deciderId(), s.firstName(), e.capacity()))
              .put("decision", e.decision().name())
              .put("aboutKind", e.aboutKind().map(Enum::name).orElse(null))
              .put("before", new JsonArray(e.before()))
              .put("after", new JsonArray(e.after()))
              .put(
                  "guardian",
                  e.guardian()
                      .map(
                          g ->
                              new JsonObject()
                                  .put("name", nl.koers.circle.AccessWords.firstName(g.name()))
                                  .put("reason", g.reason()))
                      .orElse(null)));
    }
    return items;
  }

  /** The plan now and every version; who wrote or owns something, by first name and role. */
  private Future<JsonObject> plan(Caller self, String youthId, ExportPeople people) {
    return orEmpty(sources.plans().read(self, youthId))
        .compose(
            current ->
                current.isEmpty()
                    ? Future.succeededFuture(null)
                    : sources
                        .plans()
                        .versions(self, youthId)
                        .map(
                            versions ->
                                new JsonObject()
                                    .put("current", withPeople(current.get().plan(), people))
                                    .put("versions", versionsOf(versions, people))));
  }

  private static JsonArray versionsOf(List<JsonObject> versions, ExportPeople people) {
    JsonArray items = new JsonArray();
    for (JsonObject v : versions) {
      JsonObject copy = v.copy();
      copy.put("by", people.person((String) copy.remove("by")));
      items.add(copy);
    }
    return items;
  }

  /** A plan's actions with their owners as people, not ids. */
  private static JsonObject withPeople(JsonObject plan, ExportPeople people) {
    JsonObject copy = plan.copy();
    JsonObject domains = copy.getJsonObject("domains", new JsonObject());
    for (String domain : domains.fieldNames()) {
      JsonArray actions = domains.getJsonObject(domain).getJsonArray("actions", new JsonArray());
      for (Object each : actions) {
        JsonObject action = (JsonObject) each;
        if (action.containsKey("ownerId")) {
          String owner = (String) action.remove("ownerId");
          action.put("owner", owner == null ? null : people.person(owner));
        }
      }
    }
    return copy;
  }

  private static JsonArray checklist(Optional<Checklists.Checklist> found, ExportPeople people) {
    JsonArray items = new JsonArray();
    found.ifPresent(
        checklist ->
            checklist
                .items()
                .forEach(
                    item ->
                        items.add(
                            new JsonObject()
                                .put("id", item.id())
                                .put(
                                    "title",
                                    new JsonObject(new LinkedHashMap<String, Object>(item.title())))
                                .put("dueDate", item.dueDate().toString())
                                .put("owner", item.ownerId().map(people::person).orElse(null))
                                .put("doneAt", item.doneAt().map(Instant::toString).orElse(null))
                                .put("overdue", item.overdue()))));
    return items;
  }

  private static JsonObject steady(
      Optional<nl.koers.circle.YouthRecords.SteadyContact> found, ExportPeople people) {
    return found
        .map(
            s ->
                new JsonObject()
                    .put("person", people.person(s.personId()))
                    .put("namedAt", s.namedAt().toString())
                    .put("confirmedAt", s.confirmedAt().map(Instant::toString).orElse(null))
                    .put("changes", s.changes()))
        .orElse(null);
  }

  /**
   * The handovers as the young person sees them: the adult service's contact is theirs to see (the
   * API shows it to them); the id of whoever accepted for the adult service is not.
   */
  private static JsonArray handovers(List<Handovers.Handover> found, ExportPeople people) {
    JsonArray items = new JsonArray();
    for (Handovers.Handover h : found) {
      h.adultContactId().ifPresent(people::hide);
      people.hide(h.createdBy());
      Handovers.Contact contact = h.contact();
      JsonObject contactJson =
          new JsonObject().put("name", contact.name()).put("organisation", contact.organisation());
      contact.phone().ifPresent(phone -> contactJson.put("phone", phone));
      contact.email().ifPresent(email -> contactJson.put("email", email));
      items.add(
          new JsonObject()
              .put("id", h.id())
              .put("kind", h.kind())
              .put("contact", contactJson)
              .put("meetingDate", h.meetingDate())
              .put("createdAt", h.createdAt().toString())
              .put(
                  "youthCareConfirmedAt",
                  h.youthCareConfirmedAt().map(Instant::toString).orElse(null))
              .put(
                  "adultServicesConfirmedAt",
                  h.adultServicesConfirmedAt().map(Instant::toString).orElse(null))
              .put(
                  "youthAnswer",
                  h.youthAnswer()
                      .map(a -> new JsonObject().put("met", a.met()).put("at", a.at().toString()))
                      .orElse(null))
              .put("complete", h.complete()));
    }
    return items;
  }

  /** One conversation per person in the circle the young person has messages with. */
  private Future<JsonArray> conversations(Caller self, String youthId, ExportPeople people) {
    JsonArray found = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (String member : people.otherIds().stream().sorted().toList()) {
      chain =
          chain
              .compose(
                  v -> orEmpty(all(p -> sources.conversations().read(self, youthId, member, p))))
              .map(
                  messages -> {
                    messages
                        .filter(list -> !list.isEmpty())
                        .ifPresent(list -> found.add(conversation(youthId, member, list, people)));
                    return null;
                  });
    }
    return chain.map(v -> found);
  }

  private static JsonObject conversation(
      String youthId, String member, List<Conversations.Message> messages, ExportPeople people) {
    JsonArray items = new JsonArray();
    for (Conversations.Message m : messages) {
      items.add(
          new JsonObject()
              .put("id", m.id())
              .put("from", people.person(m.senderId()))
              .put("sentAt", m.sentAt().toString())
              .put("text", m.text()));
    }
    return new JsonObject().put("with", people.person(member)).put("messages", items);
  }

  private static JsonArray notifications(List<Inbox.Item> items) {
    JsonArray found = new JsonArray();
    for (Inbox.Item item : items) {
      found.add(
          new JsonObject()
              .put("id", item.id())
              .put("type", item.type().name())
              .put("resource", item.resource())
              .put("createdAt", item.createdAt().toString())
              .put("readAt", item.readAt().map(Instant::toString).orElse(null)));
    }
    return found;
  }

  /** The phones, never their push tokens (a token reaches the phone; it is no data about you). */
  private static JsonArray devices(List<Devices.Device> found) {
    JsonArray items = new JsonArray();
    for (Devices.Device d : found) {
      items.add(
          new JsonObject()
              .put("id", d.id())
              .put("platform", d.platform())
              .put("appVersion", d.appVersion())
              .put("locale", d.locale())
              .put("refreshedAt", d.refreshedAt().toString()));
    }
    return items;
  }

  private Future<JsonObject> mentor(Caller self, String youthId, ExportPeople people) {
    return sources
        .mentors()
        .list(self, youthId)
        .compose(
            seen ->
                sources
                    .mentors()
                    .checkInsAbout(youthId)
                    .map(
                        checkIns ->
                            new JsonObject()
                                .put("nominations", nominations(seen, people))
                                .put("checkIns", checkIns(checkIns))));
  }

  private static JsonArray nominations(
      List<nl.koers.mentor.Mentors.Seen> seen, ExportPeople people) {
    JsonArray items = new JsonArray();
    for (nl.koers.mentor.Mentors.Seen s : seen) {
      Nomination n = s.nomination();
      n.mentorId().ifPresent(id -> people.learn(id, n.firstName(), "JIM"));
      items.add(
          new JsonObject()
              .put("id", n.id())
              .put("firstName", n.firstName())
              .put("relation", n.relation())
              .put("status", n.status().name())
              .put("expiresAt", n.expiresAt().toString())
              .put(
                  "parentAgreed",
                  n.parentAgreement().map(Nomination.ParentAgreement::agreed).orElse(null))
              .put("confirmedAt", n.confirmedAt().map(Instant::toString).orElse(null)));
    }
    return items;
  }

  private static JsonArray checkIns(List<Nomination.CheckIn> found) {
    JsonArray items = new JsonArray();
    for (Nomination.CheckIn c : found) {
      items.add(
          new JsonObject()
              .put("id", c.id())
              .put("at", c.at().toString())
              .put("score", c.score())
              .put("text", c.text().orElse(null))
              .put(
                  "reply",
                  c.reply()
                      .map(r -> new JsonObject().put("text", r.text()).put("at", r.at().toString()))
                      .orElse(null)));
    }
    return items;
  }

  private static JsonArray accessLog(List<Circles.LoggedAccess> lines, ExportPeople people) {
    JsonArray items = new JsonArray();
    for (Circles.LoggedAccess line : lines) {
      String actor = line.entry().actorId();
      people.learn(actor, name(line.actor()), line.entry().capacity());
      items.add(
          new JsonObject()
              .put("actor", people.person(actor, name(line.actor()), line.entry().capacity()))
              .put("what", line.what())
              .put("action", line.entry().action().name())
              .put("at", line.entry().at().toString())
              .put("requestId", line.entry().requestId()));
    }
    return items;
  }
}
