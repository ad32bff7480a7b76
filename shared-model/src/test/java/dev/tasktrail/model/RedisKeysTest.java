package dev.tasktrail.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisKeysTest {

    @Test
    void namesTheKeysOfTheSpec() {
        assertThat(RedisKeys.DEFAULT_STREAM_KEY).isEqualTo("task-events:v1");
        assertThat(RedisKeys.EVENT_FIELD).isEqualTo("event");
        assertThat(RedisKeys.deadLetterStream("task-events:v1")).isEqualTo("task-events:v1:dead");
        assertThat(RedisKeys.execution("exec-1")).isEqualTo("task-tracking:execution:exec-1");
        assertThat(RedisKeys.projectIndex("acme/rocket")).isEqualTo("task-tracking:project:acme/rocket:executions");
        assertThat(RedisKeys.GLOBAL_INDEX).isEqualTo("task-tracking:executions");
        assertThat(RedisKeys.projectStatusIndex("acme/rocket", TaskStatus.IN_PROGRESS))
                .isEqualTo("task-tracking:project:acme/rocket:status:in_progress:executions");
        assertThat(RedisKeys.statusIndex(TaskStatus.ERROR)).isEqualTo("task-tracking:status:error:executions");
    }
}
