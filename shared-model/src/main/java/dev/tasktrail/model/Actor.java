package dev.tasktrail.model;

import java.util.List;
import java.util.Objects;

/**
 * Who created the task: a Slack or GitHub user.
 *
 * @param provider {@code slack} or {@code github}
 * @param id the user's id at that provider
 */
public record Actor(String provider, String id) {

    public static final List<String> PROVIDERS = List.of("slack", "github");

    public Actor {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(id, "id");
    }

    /** The identity compared with a dashboard viewer's: {@code {provider}:{id}}. */
    public String identity() {
        return provider + ":" + id;
    }
}
