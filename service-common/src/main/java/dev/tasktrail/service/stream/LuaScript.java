package dev.tasktrail.service.stream;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lua script run with {@code EVALSHA}: the body travels to Redis once ({@code SCRIPT LOAD}), every call sends
 * only its SHA-1, and a {@code NOSCRIPT} reply (Redis restarted or flushed its script cache) loads it again and
 * repeats the call.
 *
 * <p>Names shared with Java (hash fields, key shapes) are written into the body as {@code ${NAME}} placeholders
 * and filled in from the shared-model constants, so the script never re-spells them.
 */
public final class LuaScript {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private final String name;
    private final String body;
    private final String sha1;

    private LuaScript(String name, String body) {
        this.name = name;
        this.body = body;
        this.sha1 = sha1Hex(body);
    }

    /**
     * @param name for logs and errors
     * @param template the Lua body with {@code ${NAME}} placeholders
     * @param values the text of each placeholder (inserted as is: quote it in the template where it is a string)
     * @throws IllegalArgumentException when the template uses a placeholder without a value
     */
    public static LuaScript of(String name, String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder body = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("script " + name + " has no value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(body, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(body);
        return new LuaScript(name, body.toString());
    }

    public static LuaScript of(String name, String body) {
        return of(name, body, Map.of());
    }

    /**
     * A script kept as a resource next to {@code owner} (e.g. {@code lua/project-event.lua}); native images need
     * it listed in {@code quarkus.native.resources.includes}.
     *
     * @throws IllegalStateException when the resource is missing
     */
    public static LuaScript fromResource(Class<?> owner, String resource, Map<String, String> values) {
        try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource);
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1).replace(".lua", "");
            return of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script resource " + resource, e);
        }
    }

    /** A Lua string literal for a placeholder value. */
    public static String luaString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    /** A Lua array (table) literal of strings, e.g. {@code {'a', 'b'}}. */
    public static String luaStrings(List<String> texts) {
        return "{" + String.join(", ", texts.stream().map(LuaScript::luaString).toList()) + "}";
    }

    public String name() {
        return name;
    }

    public String body() {
        return body;
    }

    public String sha1() {
        return sha1;
    }

    /** An {@code EVALSHA} of this script, for {@link #batch}. */
    public Request request(List<String> keys, List<String> args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha1).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    /** Runs the script once, loading it first when Redis does not know it. */
    public Uni<Response> call(Redis redis, List<String> keys, List<String> args) {
        return send(redis, request(keys, args));
    }

    /** Sends one {@link #request} of this script, loading the script first when Redis does not know it. */
    public Uni<Response> send(Redis redis, Request request) {
        return Uni.createFrom().deferred(() -> redis.send(request))
                .onFailure(LuaScript::isNoScript).recoverWithUni(missing -> load(redis)
                        .chain(() -> redis.send(request)));
    }

    /**
     * Sends {@link #request requests} of this script pipelined (one round trip). When Redis does not know the
     * script, loads it and sends the whole pipeline again: scripts are expected to be idempotent.
     *
     * <p>The pipeline fails as a whole when any call fails (with the first error).
     */
    public Uni<List<Response>> batch(Redis redis, List<Request> requests) {
        return Uni.createFrom().deferred(() -> redis.batch(requests))
                .onFailure(LuaScript::isNoScript).recoverWithUni(missing -> load(redis)
                        .chain(() -> redis.batch(requests)));
    }

    /** Sends the body with {@code SCRIPT LOAD}. */
    public Uni<Void> load(Redis redis) {
        return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(body))
                .invoke(reply -> {
                    if (reply == null || !sha1.equals(reply.toString())) {
                        throw new IllegalStateException("Redis answered SCRIPT LOAD of " + name + " with " + reply
                                + ", expected " + sha1);
                    }
                })
                .replaceWithVoid();
    }

    /** True for Redis' {@code NOSCRIPT} error reply, alone or among the failures of a pipeline. */
    public static boolean isNoScript(Throwable failure) {
        return failure instanceof ErrorType
                && RedisReplies.errorReplies(failure).stream().anyMatch(reply -> reply.startsWith("NOSCRIPT"));
    }

    @Override
    public String toString() {
        return "LuaScript[" + name + " " + sha1 + "]";
    }

    private static String sha1Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
