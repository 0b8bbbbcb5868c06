package nl.koers.notify;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Dev mode's stand-in for FCM: an HTTP transport under the real Admin SDK that keeps what would
 * have been sent (the request body exactly as FCM would get it) and answers like FCM. Nothing
 * leaves the machine. Keeps the last {@value #KEEP} messages.
 */
public final class DevOutbox extends HttpTransport {

  static final int KEEP = 500;

  /** One message as it would have gone to FCM. */
  public record Sent(Instant at, JsonObject request) {}

  private final Clock clock;
  private final Deque<Sent> sent = new ArrayDeque<>();
  private final AtomicLong counter = new AtomicLong();

  public DevOutbox(Clock clock) {
    this.clock = clock;
  }

  /** Newest first. */
  public synchronized List<Sent> sent() {
    List<Sent> newestFirst = new ArrayList<>(sent);
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  private synchronized void keep(Sent message) {
    sent.addLast(message);
    while (sent.size() > KEEP) {
      sent.removeFirst();
    }
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) {
    return new LowLevelHttpRequest() {
      @Override
      public void addHeader(String name, String value) {}

      @Override
      public LowLevelHttpResponse execute() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (getStreamingContent() != null) {
          getStreamingContent().writeTo(body);
        }
        byte[] bytes = body.toByteArray();
        if ("gzip".equalsIgnoreCase(getContentEncoding())) {
          try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            bytes = in.readAllBytes();
          }
        }
        keep(new Sent(clock.instant(), new JsonObject(new String(bytes, StandardCharsets.UTF_8))));
        return new Answer("{\"name\":\"projects/dev/messages/" + counter.incrementAndGet() + "\"}");
      }
    };
  }

  /** FCM's answer to a message it took. */
  private static final class Answer extends LowLevelHttpResponse {
    private final byte[] body;

    Answer(String body) {
      this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public InputStream getContent() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public String getContentEncoding() {
      return null;
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public String getContentType() {
      return "application/json; charset=UTF-8";
    }

    @Override
    public String getStatusLine() {
      return "HTTP/1.1 200 OK";
    }

    @Override
    public int getStatusCode() {
      return 200;
    }

    @Override
    public String getReasonPhrase() {
      return "OK";
    }

    @Override
    public int getHeaderCount() {
      return 0;
    }

    @Override
    public String getHeaderName(int index) {
      return null;
    }

    @Override
    public String getHeaderValue(int index) {
      return null;
    }
  }
}
