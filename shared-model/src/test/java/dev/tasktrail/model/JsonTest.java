package dev.tasktrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void readsTheStringsOfAnArrayInOrder() {
        assertThat(Json.stringArray("[]")).isEmpty();
        assertThat(Json.stringArray(" [\"b\", \"a\\u00e9\", \"\"] ")).containsExactly("b", "aé", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "\"a\"", "[1]", "[\"a\", null]", "[[\"a\"]]", "[\"a\"", "[\"a\"] []", "[\"a\",]"})
    void rejectsAnythingButOneArrayOfStrings(String text) {
        assertThatThrownBy(() -> Json.stringArray(text)).isInstanceOf(Json.MalformedJsonException.class);
    }
}
