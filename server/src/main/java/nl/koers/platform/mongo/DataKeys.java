package nl.koers.platform.mongo;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import nl.koers.platform.crypto.FieldCipher;
import nl.koers.platform.paging.Page;
import org.bson.Document;

/**
 * Every young person's own data key (AES-256, random), one document each in {@code dataKeys},
 * {@code _id} = the young person's id, the key itself sealed by the master key and bound to that id
 * (a key copied to another young person's document does not open). Stores seal free text about a
 * young person with it ({@link SealedTexts}); erasure {@link #destroy destroys} it first, so every
 * copy of those texts (backups, replicas, a lagging secondary) becomes unreadable at once.
 *
 * <p>A key is made on first write, safely with any number of instances: one upsert that inserts
 * only when there is none; two racing upserts on the same {@code _id} may answer "duplicate key" to
 * one of them, which then reads the winner's key back, so both use one key.
 *
 * <p>Round trips: a write asks the database every time (one upsert, which answers the key: one
 * round trip, also on first use), so no instance seals with a key destroyed before it asked (a
 * write after an erasure gets a new key, which opens nothing older). A read uses this instance's
 * cache: none when warm, one (for all the young people of a page at once) when cold; a young person
 * with no key is not cached (another instance may make it any moment), so reading them costs one.
 *
 * <p>How long a destroyed key lives on elsewhere: at most {@link #CACHE_FOR} in the cache of
 * another instance (each entry expires then; the destroying instance evicts at once). That is
 * acceptable: in that window the other instance can only open texts still in its own database,
 * which erasure deletes right after the key, and never seals with it (writes ask the database); the
 * key never leaves memory, so backups and replicas are unreadable from the moment of the delete.
 */
public final class DataKeys {

  public static final CollectionSpec SPEC = CollectionSpec.of("dataKeys");

  /**
   * How long an opened key is used without asking the database again: wall time ({@code nanoTime}),
   * not the application's clock, which dev mode and tests move.
   */
  static final Duration CACHE_FOR = Duration.ofMinutes(5);

  /** How many opened keys one instance keeps (the least recently used go first). */
  static final int CACHE_SIZE = 10_000;

  private static final String SEALED_KEY = "sealedKey";

  private record Cached(FieldCipher key, long until) {}

  private final Documents keys;
  private final FieldCipher master;
  private final SealedTexts masterTexts;
  private final Map<String, Cached> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  public DataKeys(Mongo mongo, FieldCipher master) {
    this.keys = mongo.documents(SPEC);
    this.master = master;
    this.masterTexts = new SealedTexts(master);
  }

  /** The texts of a young person to seal new ones with: their key, made on first use. */
  public Future<SealedTexts> toWrite(String youthId) {
    Document sealedKey = sealKey(youthId, FieldCipher.randomKey());
    return keys.updateAndGet(
            new Document("_id", youthId),
            Updates.setOnInsert(SEALED_KEY, sealedKey),
            new FindOneAndUpdateOptions().upsert(true))
        // Two first uses at once: one inserted, the other reads its key.
        .recover(e -> DuplicateKey.is(e) ? keys.byId(youthId) : Future.failedFuture(e))
        .map(doc -> SealedTexts.ofYouth(master, remember(youthId, openKey(doc))));
  }

  /** The texts of a young person to read with: their key if any (cached), else all erased. */
  public Future<SealedTexts> toRead(String youthId) {
    return toRead(List.of(youthId)).map(texts -> texts.get(youthId));
  }

  /**
   * The texts of each of these young people to read with, from the cache, and in one round trip for
   * those not in it; a young person without a key (never written, or erased) reads as erased.
   */
  public Future<Map<String, SealedTexts>> toRead(Collection<String> youthIds) {
    Map<String, SealedTexts> found = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String youthId : new LinkedHashSet<>(youthIds)) {
      Optional<FieldCipher> cached = cached(youthId);
      if (cached.isPresent()) {
        found.put(youthId, SealedTexts.ofYouth(master, cached.get()));
      } else {
        missing.add(youthId);
      }
    }
    if (missing.isEmpty()) {
      return Future.succeededFuture(found);
    }
    return keys.list(new Document("_id", new Document("$in", missing)))
        .map(docs -> withFetched(found, missing, docs));
  }

  private Map<String, SealedTexts> withFetched(
      Map<String, SealedTexts> found, List<String> missing, List<Document> docs) {
    for (Document doc : docs) {
      String youthId = doc.getString("_id");
      found.put(youthId, SealedTexts.ofYouth(master, remember(youthId, openKey(doc))));
    }
    for (String youthId : missing) {
      found.putIfAbsent(youthId, SealedTexts.ofYouth(master, null));
    }
    return found;
  }

  /**
   * Reads documents that carry {@code youthId}, each with its young person's texts (one cache look
   * or one round trip for all of them).
   */
  public <T> Future<List<T>> read(List<Document> docs, BiFunction<SealedTexts, Document, T> from) {
    return toRead(youthIds(docs))
        .map(texts -> docs.stream().map(d -> from.apply(textsOf(texts, d), d)).toList());
  }

  /** A document about no one young person (none stored) keeps its texts under the master key. */
  private SealedTexts textsOf(Map<String, SealedTexts> texts, Document doc) {
    String youthId = doc.getString("youthId");
    return youthId == null ? masterTexts : texts.get(youthId);
  }

  /** {@link #read} of one document, or none. */
  public <T> Future<Optional<T>> readOne(Document doc, BiFunction<SealedTexts, Document, T> from) {
    if (doc == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return read(List.of(doc), from).map(read -> Optional.of(read.get(0)));
  }

  /** {@link #read} of a page. */
  public <T> Future<Page<T>> readPage(
      Page<Document> page, BiFunction<SealedTexts, Document, T> from) {
    return read(page.items(), from).map(items -> new Page<>(items, page.next()));
  }

  private static Set<String> youthIds(List<Document> docs) {
    Set<String> ids = new LinkedHashSet<>();
    docs.stream().map(doc -> doc.getString("youthId")).filter(id -> id != null).forEach(ids::add);
    return ids;
  }

  /**
   * Destroys the young person's key (and forgets it here): every text sealed with it is unreadable
   * from now on, wherever a copy of it is. Idempotent.
   */
  public Future<Void> destroy(String youthId) {
    forget(youthId);
    return keys.delete(new Document("_id", youthId))
        .<Void>mapEmpty()
        .onComplete(done -> forget(youthId));
  }

  private Document sealKey(String youthId, byte[] key) {
    FieldCipher.Sealed sealed =
        master.seal(Base64.getEncoder().encodeToString(key), binding(youthId));
    return new Document("nonce", sealed.nonce()).append("ciphertext", sealed.ciphertext());
  }

  private FieldCipher openKey(Document doc) {
    Document sealed = doc.get(SEALED_KEY, Document.class);
    String encoded =
        master.open(
            new FieldCipher.Sealed(sealed.getString("nonce"), sealed.getString("ciphertext")),
            binding(doc.getString("_id")));
    return FieldCipher.ofKey(
        Base64.getDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String binding(String youthId) {
    return "dataKeys/" + youthId;
  }

  private synchronized Optional<FieldCipher> cached(String youthId) {
    Cached cached = cache.get(youthId);
    if (cached == null || cached.until() - System.nanoTime() < 0) {
      cache.remove(youthId);
      return Optional.empty();
    }
    return Optional.of(cached.key());
  }

  private synchronized FieldCipher remember(String youthId, FieldCipher key) {
    cache.put(youthId, new Cached(key, System.nanoTime() + CACHE_FOR.toNanos()));
    return key;
  }

  private synchronized void forget(String youthId) {
    cache.remove(youthId);
  }
}
