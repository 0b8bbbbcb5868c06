package nl.koers.platform.paging;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import nl.koers.platform.problem.CommonProblem;
import nl.koers.platform.problem.Problem;
import org.bson.Document;
import org.bson.json.JsonParseException;

/**
 * {@code ?cursor=&limit=} of a list request. The limit defaults to {@value #DEFAULT_LIMIT} and is
 * capped at {@value #MAX_LIMIT}. The cursor is opaque to clients: the sort value and id of the last
 * item seen. It needs no signature: it only says where to continue inside a query whose filter (and
 * so whose authorization) the server builds itself.
 */
public record PageRequest(Optional<Document> after, int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public static PageRequest from(RoutingContext rc) {
    String limitText = rc.request().getParam("limit");
    int limit = DEFAULT_LIMIT;
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        throw Problem.of(CommonProblem.BAD_REQUEST);
      }
    }
    limit = Math.max(1, Math.min(MAX_LIMIT, limit));
    String cursor = rc.request().getParam("cursor");
    return new PageRequest(
        cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(decode(cursor)), limit);
  }

  /** The first page of {@code limit} items (capped), for work outside a request. */
  public static PageRequest first(int limit) {
    return new PageRequest(Optional.empty(), Math.max(1, Math.min(MAX_LIMIT, limit)));
  }

  /** The page after {@code cursor} (a page's {@code next}), for work that reads every page. */
  public static PageRequest after(String cursor, int limit) {
    return new PageRequest(Optional.of(decode(cursor)), first(limit).limit());
  }

  static String encode(Document position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.toJson().getBytes(StandardCharsets.UTF_8));
  }

  static Document decode(String cursor) {
    try {
      Document position =
          Document.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      if (!position.containsKey("id")) {
        throw new IllegalArgumentException("no id");
      }
      return position;
    } catch (IllegalArgumentException | JsonParseException e) {
      throw Problem.of(CommonProblem.BAD_REQUEST, "cursor.invalid");
    }
  }
}
