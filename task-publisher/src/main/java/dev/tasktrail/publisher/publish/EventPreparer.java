package dev.tasktrail.publisher.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.model.DecodeResult;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.model.TaskEventValidator;
import dev.tasktrail.model.Timestamps;
import dev.tasktrail.model.Violation;
import dev.tasktrail.publisher.projects.ProjectsConfigService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Turns a submitted JSON document into the event to append: fills what a producer may omit ({@code eventId}: a
 * random UUID; {@code occurredAt}: now; {@code schemaVersion}: 1), validates it with shared-model, and adds the
 * responsible users the projects config names for its repository (SPEC §7).
 */
@ApplicationScoped
public class EventPreparer {

    private final ProjectsConfigService projects;
    private final Clock clock = Clock.systemUTC();

    EventPreparer(ProjectsConfigService projects) {
        this.projects = projects;
    }

    /** Either the event ready to append or why it is refused. */
    public sealed interface Prepared {
    }

    /** @param json the event's canonical JSON, the stream entry's value */
    public record Ready(TaskEvent event, String json) implements Prepared {
    }

    public record Invalid(Outcome.Rejected rejection) implements Prepared {
    }

    public Prepared prepare(JsonNode document) {
        String sentEventId = document.path("eventId").textValue();
        if (document instanceof ObjectNode event) {
            fillMissing(event);
        }
        DecodeResult decoded = TaskEventCodec.decode(document);
        if (!decoded.isValid()) {
            return new Invalid(new Outcome.Rejected(sentEventId, decoded.violations()));
        }
        TaskEvent sent = decoded.orElseThrow();
        List<String> configured = projects.current().responsibleUsersFor(sent.project());
        TaskEvent enriched = sent.withResponsibleUsers(configured);
        int users = enriched.visibility().responsibleUsers().size();
        if (users > TaskEventValidator.MAX_RESPONSIBLE_USERS) {
            return new Invalid(new Outcome.Rejected(sentEventId, List.of(new Violation("visibility.responsibleUsers",
                    "with the " + configured.size() + " responsible users the projects config names for "
                            + sent.project() + " the event would have " + users + ", at most "
                            + TaskEventValidator.MAX_RESPONSIBLE_USERS))));
        }
        return new Ready(enriched, TaskEventCodec.encode(enriched));
    }

    private void fillMissing(ObjectNode event) {
        if (isAbsent(event.get("eventId"))) {
            event.put("eventId", UUID.randomUUID().toString());
        }
        if (isAbsent(event.get("occurredAt"))) {
            event.put("occurredAt", Timestamps.format(clock.instant()));
        }
        if (isAbsent(event.get("schemaVersion"))) {
            event.put("schemaVersion", TaskEvent.SCHEMA_VERSION);
        }
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull();
    }
}
