package dev.tasktrail.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void closeRedis() {
        redis.close();
    }

    @Test
    void answersOnTheAdvertisedUrl() {
        assertThat(redis.url()).isEqualTo("redis://" + redis.host() + ":" + redis.port());
        assertThat(redis.send("PING")).isEqualTo("+PONG");
    }

    @Test
    void restartsOnTheSamePortWithItsData() {
        assumeTrue(redis.canRestart(), "an external Redis is not ours to stop");
        int port = redis.port();
        assertThat(redis.send("SET outage-test kept")).isEqualTo("+OK");

        redis.stop();
        assertThatThrownBy(() -> redis.send("PING")).isInstanceOf(UncheckedIOException.class);

        redis.restart();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.send("GET outage-test")).isEqualTo("$4");
    }

    @Test
    void eachServerIsItsOwn() {
        assumeTrue(redis.canRestart(), "an external Redis is shared");
        try (RedisServer other = RedisServer.start()) {
            redis.send("SET only-here 1");
            assertThat(other.port()).isNotEqualTo(redis.port());
            assertThat(other.send("EXISTS only-here")).isEqualTo(":0");
        }
    }
}
