package dev.tasktrail.archiver.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasktrail.archiver.RedisCommands;
import dev.tasktrail.archiver.TestEvents;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.testing.RedisServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seal scripts against a real Redis: who may seal what, and how a sealed batch is read back and completed. */
class SealStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String GROUP = "archiver";

    private static RedisServer server;
    private static Vertx vertx;
    private static Redis client;
    private static RedisCommands redis;

    private String stream;
    private SealStore podA;
    private SealStore podB;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.url()));
        redis = new RedisCommands(client);
    }

    @AfterAll
    static void stopRedis() {
        client.close();
        vertx.closeAndAwait();
        server.close();
    }

    @BeforeEach
    void newStream() {
        stream = "seal-test:" + System.nanoTime();
        redis.createGroup(stream, GROUP);
        podA = new SealStore(client, stream, GROUP, "pod-a");
        podB = new SealStore(client, stream, GROUP, "pod-b");
    }

    @Test
    void sealsEntriesItOwnsAndAcceptsTheSameSealAgain() {
        List<StreamEntryId> ids = publishAndRead("pod-a", 3);

        assertThat(seal(podA, "k1", ids)).isEmpty();
        assertThat(seal(podA, "k1", ids)).as("a retried call").isEmpty();

        assertThat(redis.hashLength(podA.sealsKey())).isEqualTo(3 + 1);
        assertThat(podA.sealsKey()).isEqualTo(RedisKeys.archiveSeals(stream, GROUP));
    }

    @Test
    void refusesEntriesOfAnotherConsumerAndAcknowledgedOnes() {
        List<StreamEntryId> ofA = publishAndRead("pod-a", 2);
        List<StreamEntryId> ofB = publishAndRead("pod-b", 1);
        redis.send("XACK", stream, GROUP, ofA.get(1).toString());

        List<SealStore.Conflict> conflicts = seal(podA, "k1", List.of(ofA.get(0), ofA.get(1), ofB.get(0)));

        assertThat(conflicts).containsExactly(
                new SealStore.Conflict(ofA.get(1), Optional.empty()),
                new SealStore.Conflict(ofB.get(0), Optional.empty()));
        assertThat(redis.hashLength(podA.sealsKey())).as("nothing recorded").isZero();
    }

    @Test
    void sendsEntriesOfAnEarlierSealBackToIt() {
        List<StreamEntryId> ids = publishAndRead("pod-a", 4);
        assertThat(seal(podA, "k1", ids.subList(0, 2))).isEmpty();

        List<SealStore.Conflict> conflicts = seal(podA, "k2", ids.subList(1, 4));

        assertThat(conflicts).containsExactly(new SealStore.Conflict(ids.get(1), Optional.of("k1")));
    }

    @Test
    void aConsumerThatClaimedSealedEntriesFindsTheirSeal() {
        List<StreamEntryId> ids = publishAndRead("pod-a", 2);
        assertThat(seal(podA, "k1", ids)).isEmpty();
        redis.send("XCLAIM", stream, GROUP, "pod-b", 0, ids.get(0), ids.get(1));

        assertThat(seal(podB, "k2", ids)).extracting(SealStore.Conflict::sealedAs)
                .containsExactly(Optional.of("k1"), Optional.of("k1"));
        assertThat(seal(podA, "k1", ids)).as("pod-a no longer owns them")
                .extracting(SealStore.Conflict::released).containsExactly(true, true);
    }

    @Test
    void readsASealedBatchBackFromTheStream() {
        List<StreamEntryId> ids = publishAndRead("pod-a", 3);
        assertThat(seal(podA, "k1", ids)).isEmpty();
        redis.send("XDEL", stream, ids.get(1));

        List<SealStore.SealedEntry> entries = podA.read("k1").await().atMost(WAIT).orElseThrow();

        assertThat(entries).extracting(SealStore.SealedEntry::id).containsExactlyElementsOf(ids);
        assertThat(entries.get(0).json()).startsWith("{\"eventId\"");
        assertThat(entries.get(1).json()).as("deleted from the stream").isNull();
        assertThat(podA.read("no-such-seal").await().atMost(WAIT)).isEmpty();
    }

    @Test
    void completingAcknowledgesAndForgetsTheSeal() {
        List<StreamEntryId> ids = publishAndRead("pod-a", 3);
        List<StreamEntryId> other = publishAndRead("pod-a", 1);
        assertThat(seal(podA, "k1", ids)).isEmpty();
        assertThat(seal(podA, "k2", other)).isEmpty();

        podA.complete("k1", ids).await().atMost(WAIT);

        assertThat(redis.pending(stream, GROUP)).isEqualTo(1);
        assertThat(podA.read("k1").await().atMost(WAIT)).isEmpty();
        assertThat(redis.hashLength(podA.sealsKey())).as("only k2 is left").isEqualTo(2);
    }

    @Test
    void sweepingForgetsSealsWhoseEntriesAreAllAcknowledged() {
        List<StreamEntryId> deadLettered = publishAndRead("pod-a", 2);
        List<StreamEntryId> partly = publishAndRead("pod-a", 2);
        assertThat(seal(podA, "gone", deadLettered)).isEmpty();
        assertThat(seal(podA, "partly", partly)).isEmpty();
        deadLettered.forEach(id -> redis.send("XACK", stream, GROUP, id));
        redis.send("XACK", stream, GROUP, partly.get(0));

        assertThat(podA.sweep().await().atMost(WAIT)).isEqualTo(1);

        assertThat(podA.read("gone").await().atMost(WAIT)).isEmpty();
        assertThat(podA.read("partly").await().atMost(WAIT)).isPresent();
        assertThat(redis.hashLength(podA.sealsKey())).isEqualTo(2 + 1);
    }

    private List<StreamEntryId> publishAndRead(String consumer, int count) {
        for (int i = 0; i < count; i++) {
            redis.publish(stream, TestEvents.event("acme/rocket", "2026-03-15T10:00:00.000Z"));
        }
        return redis.readAs(stream, GROUP, consumer, count).stream().map(StreamEntryId::parse).toList();
    }

    private static List<SealStore.Conflict> seal(SealStore store, String key, List<StreamEntryId> ids) {
        return store.seal(key, ids).await().atMost(WAIT);
    }
}
