package dev.tasktrail.projector.projection;

import dev.tasktrail.service.stream.ConsumedEntry;
import dev.tasktrail.service.stream.LuaScript;
import io.vertx.mutiny.redis.client.Request;

/**
 * The projector's own projection script and the {@code EVALSHA} it sends per event, for the projector benchmark's
 * baseline. It sits in the projector's package because {@link ProjectionScript} is package-private there: the
 * baseline then runs exactly the script and arguments the service runs, not a copy that could drift.
 */
public final class ProjectionRequests {

    private ProjectionRequests() {
    }

    /** {@code lua/project-event.lua} from the projector module's resources, placeholders filled as the service fills them. */
    public static LuaScript script() {
        return ProjectionScript.SCRIPT;
    }

    public static Request request(ConsumedEntry entry) {
        return ProjectionScript.request(entry);
    }
}
