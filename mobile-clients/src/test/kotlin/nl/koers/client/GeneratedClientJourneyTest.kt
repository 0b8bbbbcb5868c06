package nl.koers.client

import java.time.Instant
import java.util.UUID
import nl.koers.client.apis.CircleApi
import nl.koers.client.apis.DevApi
import nl.koers.client.apis.FeedbackApi
import nl.koers.client.apis.IdentityApi
import nl.koers.client.apis.InsightsApi
import nl.koers.client.apis.NotifyApi
import nl.koers.client.apis.PlanApi
import nl.koers.client.infrastructure.ApiClient
import nl.koers.client.infrastructure.ClientError
import nl.koers.client.infrastructure.ClientException
import nl.koers.client.infrastructure.Serializer
import nl.koers.client.infrastructure.Success
import nl.koers.client.models.Answer
import nl.koers.client.models.ContactMoment
import nl.koers.client.models.DevClockAdvance
import nl.koers.client.models.DevNotificationRequest
import nl.koers.client.models.DevSessionRequest
import nl.koers.client.models.FeedbackSubmission
import nl.koers.client.models.FeedbackTask
import nl.koers.client.models.Notification
import nl.koers.client.models.NotificationType
import nl.koers.client.models.PlanDomain
import nl.koers.client.models.PlanDomainName
import nl.koers.client.models.Problem
import nl.koers.client.models.QuestionnaireItem
import nl.koers.client.models.Role
import nl.koers.testing.MongoBackend
import nl.koers.testing.MutableClock
import nl.koers.testing.RunningKoers
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.catchThrowableOfType
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.MethodOrderer
import org.junit.jupiter.api.Order
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.TestMethodOrder

/**
 * What a phone built on the generated Kotlin client does, step by step, against a live dev-mode
 * Koers on loopback: every answer goes through the generated models, so a contract the server
 * does not keep (or that the generator cannot handle) fails here as it would fail in the app.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation::class)
class GeneratedClientJourneyTest {

  private lateinit var koers: RunningKoers
  private lateinit var base: String

  @BeforeAll
  fun start() {
    // The day the server's own insights tests start on: the demo region has published months.
    val clock = MutableClock(Instant.parse("2026-11-23T10:00:00Z"))
    koers =
        RunningKoers.start(
            RunningKoers.devMode(MongoBackend.IN_JVM, MongoBackend.freshDatabase()), clock)
    base = "http://127.0.0.1:" + koers.app.port()
  }

  @AfterAll
  fun stop() {
    ApiClient.accessToken = null
    koers.close()
  }

  /** Signs in as a demo person (dev mode) and uses their token from now on. */
  private fun signInAs(handle: String): String {
    val session = DevApi(base).createDevSession(DevSessionRequest(person = handle))
    ApiClient.accessToken = session.accessToken
    return session.person.id
  }

  /** The problem the app shows for a refused call: the error body read as the Problem model. */
  private fun problemOf(call: () -> Any?): Problem {
    val refused = catchThrowableOfType(ClientException::class.java) { call() }
    assertThat(refused).`as`("the call should have been refused").isNotNull()
    val body = (refused.response as ClientError<*>).body as String
    return Serializer.moshi.adapter(Problem::class.java).fromJson(body)!!
  }

  @Test
  @Order(1)
  fun aYoungPersonSignsInAndSeesWhoTheyAre() {
    val samId = signInAs("sam")

    val me = IdentityApi(base).getMe()

    assertThat(me.id).isEqualTo(samId)
    assertThat(me.handle).isEqualTo("sam")
    assertThat(me.roles).containsExactly(Role.YOUTH)
  }

  @Test
  @Order(2)
  fun theInboxShowsEveryNotificationTypeTheServerSends() {
    signInAs("sam")
    val known = NotificationType.entries.filter { it != NotificationType.unknown_default_open_api }
    for (type in known) {
      DevApi(base).createDevNotification(DevNotificationRequest(person = "sam", type = type))
    }
    // The relay moves them into the inbox in the background; a dev clock step runs it now.
    DevApi(base).advanceDevClock(DevClockAdvance(advance = "PT1S"))

    val inbox = NotifyApi(base).getNotifications(limit = 100)

    assertThat(inbox.items.map { it.type }).containsAll(known)
    assertThat(inbox.items.map { it.type }).doesNotContain(NotificationType.unknown_default_open_api)
    assertThat(inbox.items).allSatisfy { assertThat(it.readAt).isNull() }
  }

  @Test
  @Order(3)
  fun aTypeThisAppDoesNotKnowYetStillShowsAsAnItem() {
    val json =
        """{"id":"n1","type":"SOMETHING_NEWER","resource":"me/notifications",""" +
            """"createdAt":"2026-11-23T10:00:00Z","readAt":null}"""

    val item = Serializer.moshi.adapter(Notification::class.java).fromJson(json)!!

    assertThat(item.type).isEqualTo(NotificationType.unknown_default_open_api)
    assertThat(item.resource).isEqualTo("me/notifications")
  }

  @Test
  @Order(4)
  fun aPulseIsAnsweredWithTheValueFieldsAndTheCaseCoordinatorReadsThem() {
    signInAs("pro-eva")
    val samId = koers.idOf("sam")
    val logged =
        FeedbackApi(base)
            .logContactMoment(
                samId, UUID.randomUUID().toString(), ContactMoment(kind = ContactMoment.Kind.CONVERSATION))
    assertThat(logged.contactMoment.kind).isEqualTo(nl.koers.client.models.ContactMomentView.Kind.CONVERSATION)

    signInAs("sam")
    val pulse = FeedbackApi(base).getFeedbackRequests(samId).items.single { it.id == logged.feedbackRequestId }
    assertThat(pulse.contactMoment).isNotNull()
    val answers =
        pulse.questionnaire.items.map { item ->
          when (item.type) {
            QuestionnaireItem.Type.SMILEY_5 -> Answer(itemId = item.id, valueInteger = 2)
            QuestionnaireItem.Type.SCALE_0_10 -> Answer(itemId = item.id, valueInteger = 3)
            QuestionnaireItem.Type.YES_NO -> Answer(itemId = item.id, valueBoolean = false)
            QuestionnaireItem.Type.SINGLE_CHOICE ->
                Answer(itemId = item.id, valueChoices = listOf(item.options!!.first().value))
            else -> Answer(itemId = item.id, valueText = "Ik werd niet gehoord.")
          }
        }
    val answered =
        FeedbackApi(base)
            .submitFeedback(
                samId,
                UUID.randomUUID().toString(),
                FeedbackSubmission(
                    feedbackRequestId = pulse.id,
                    answers = answers,
                    sharing = FeedbackSubmission.Sharing.SHARE_WITH_PROFESSIONAL))
    assertThat(answered.answers).containsExactlyElementsOf(answers)

    signInAs("pro-eva")
    val seen = FeedbackApi(base).getFeedback(samId).items.single { it.id == pulse.id }
    assertThat(seen.answers).containsExactlyElementsOf(answers)
    assertThat(seen.youth.firstName).isEqualTo("Sam")
    assertThat(seen.task?.status).`as`("a low shared pulse asks eva for a reply").isEqualTo(FeedbackTask.Status.OPEN)
  }

  @Test
  @Order(5)
  fun aPlanDomainIsWrittenWithIfMatchAndAStaleOneIsAProblem() {
    val samId = signInAs("sam")
    val plans = PlanApi(base)
    val read = plans.getPlanWithHttpInfo(samId) as Success
    val etag = read.headers.entries.single { it.key.equals("ETag", ignoreCase = true) }.value.single()

    val written =
        plans.patchPlanDomain(
            samId,
            PlanDomainName.wonen,
            PlanDomain(situation = "Ik woon in een groep.", wish = "Op mezelf wonen."),
            ifMatch = etag)

    assertThat(written.version).isEqualTo(read.data!!.version + 1)
    assertThat(written.domains.wonen?.wish).isEqualTo("Op mezelf wonen.")
    val stale =
        problemOf {
          plans.patchPlanDomain(
              samId, PlanDomainName.wonen, PlanDomain(wish = "Iets anders."), ifMatch = etag)
        }
    assertThat(stale.status).isEqualTo(412)
    assertThat(stale.type).isEqualTo("urn:koers:problem:precondition-failed")
    assertThat(stale.title).isNotBlank()
    assertThat(stale.requestId).isNotBlank()
    assertThat(plans.getPlan(samId).domains.wonen?.wish).isEqualTo("Op mezelf wonen.")
  }

  @Test
  @Order(6)
  fun someoneElsesCircleIsANotFoundProblem() {
    signInAs("sam")

    val missing = problemOf { CircleApi(base).getCircle(koers.idOf("noor")) }

    assertThat(missing.status).isEqualTo(404)
    assertThat(missing.type).isEqualTo("urn:koers:problem:not-found")
    assertThat(missing.instance).isEqualTo("/v1/youth/" + koers.idOf("noor") + "/circle")
  }

  @Test
  @Order(7)
  fun theAnalystReadsIndicatorsWithSuppressedCellsAsNoNumber() {
    signInAs("analyst")

    val report = InsightsApi(base).getIndicators("demo", from = "2025-12", to = "2026-11")

    val cells = report.cells + report.comparison.cells
    assertThat(cells.filter { it.suppressed }).isNotEmpty().allSatisfy {
      assertThat(it.n).isNull()
      assertThat(it.value).isNull()
    }
    assertThat(cells.filter { !it.suppressed }).isNotEmpty().allSatisfy {
      assertThat(it.n).isGreaterThanOrEqualTo(report.suppressionThreshold)
    }
    assertThat(report.organisations.cells.filter { it.suppressed }).allSatisfy {
      assertThat(it.n).isNull()
    }
    assertThat(cells.mapNotNull { it.detail?.items }.flatMap { it.values }).isNotEmpty()
  }

  @Test
  @Order(8)
  fun theAnalystExportsTheIndicatorsAsACsvFile() {
    signInAs("analyst")

    val csv = InsightsApi(base).getIndicatorsCsv("demo", from = "2026-01", to = "2026-01")

    val lines = csv.readLines()
    assertThat(lines.first()).isEqualTo("scope,indicator,month,audience,band,organisation,n,suppressed,value")
    assertThat(lines.drop(1)).isNotEmpty()
    assertThat(lines).`as`("a suppressed cell: no count, no value").anySatisfy {
      assertThat(it).endsWith(",,true,")
    }
  }
}
