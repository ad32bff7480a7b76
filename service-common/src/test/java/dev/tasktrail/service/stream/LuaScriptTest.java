package dev.tasktrail.service.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LuaScriptTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RedisFixture redis;

    private final LuaScript echo = LuaScript.of("echo", "return {${PREFIX} .. KEYS[1], ARGV[1]}",
            Map.of("PREFIX", LuaScript.luaString("it's:")));

    @BeforeAll
    static void startRedis() {
        redis = new RedisFixture();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void fillsPlaceholdersAndRefusesMissingOnes() {
        assertThat(echo.body()).isEqualTo("return {'it\\'s:' .. KEYS[1], ARGV[1]}");
        assertThatThrownBy(() -> LuaScript.of("broken", "return ${MISSING}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${MISSING}");
        assertThat(LuaScript.luaStrings(List.of("a", "b"))).isEqualTo("{'a', 'b'}");
    }

    @Test
    void loadsItselfWhenRedisDoesNotKnowIt() {
        redis.send("SCRIPT", "FLUSH");

        Response reply = echo.call(redis.redis, List.of("key"), List.of("value")).await().atMost(WAIT);

        assertThat(reply.get(0).toString()).isEqualTo("it's:key");
        assertThat(reply.get(1).toString()).isEqualTo("value");
        assertThat(redis.send("SCRIPT", "EXISTS", echo.sha1()).get(0).toInteger()).isEqualTo(1);
    }

    @Test
    void pipelinesCallsAndReloadsAfterAScriptFlush() {
        echo.load(redis.redis).await().atMost(WAIT);
        redis.send("SCRIPT", "FLUSH");

        List<Response> replies = echo.batch(redis.redis, List.of(
                echo.request(List.of("a"), List.of("1")),
                echo.request(List.of("b"), List.of("2")))).await().atMost(WAIT);

        assertThat(replies).extracting(reply -> reply.get(0).toString()).containsExactly("it's:a", "it's:b");
    }

    @Test
    void tellsErrorRepliesFromConnectionFailures() {
        Throwable wrongType = redis.redis.send(io.vertx.mutiny.redis.client.Request
                        .cmd(io.vertx.mutiny.redis.client.Command.HGET).arg("no-hash-here").arg("f"))
                .replaceWithVoid()
                .chain(() -> redis.redis.send(io.vertx.mutiny.redis.client.Request
                        .cmd(io.vertx.mutiny.redis.client.Command.EVAL).arg("return redis.error_reply('BROKEN it is')")
                        .arg(0)))
                .onItem().<Throwable>transform(ignored -> null)
                .onFailure().recoverWithItem(failure -> failure)
                .await().atMost(WAIT);

        assertThat(RedisReplies.isErrorReply(wrongType)).isTrue();
        assertThat(LuaScript.isNoScript(wrongType)).isFalse();
        assertThat(RedisReplies.isErrorReply(new java.net.ConnectException("refused"))).isFalse();
    }
}
