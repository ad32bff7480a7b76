package dev.tasktrail.publisher.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasktrail.publisher.metrics.PublisherMetrics;
import dev.tasktrail.publisher.metrics.PublisherMetrics.Reason;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes submitted events: prepares each ({@link EventPreparer}), appends the valid ones in one Redis round
 * trip ({@link StreamAppender}) and answers per event, in order. Invalid events never stop valid ones; an
 * outcome is {@link Outcome.Accepted} only once Redis holds the entry.
 */
@ApplicationScoped
public class EventPublisher {

    /** SPEC §7: a batch holds at most this many events. */
    public static final int MAX_BATCH_SIZE = 500;

    private final EventPreparer preparer;
    private final StreamAppender appender;
    private final PublisherMetrics metrics;

    EventPublisher(EventPreparer preparer, StreamAppender appender, PublisherMetrics metrics) {
        this.preparer = preparer;
        this.appender = appender;
        this.metrics = metrics;
    }

    /** The {@code events} of a batch document, checked for shape and size. */
    public static List<JsonNode> batchEvents(JsonNode document) {
        JsonNode events = document.get("events");
        if (!document.isObject() || events == null || !events.isArray()) {
            throw new InvalidBatchException("the body must be {\"events\": [...]}");
        }
        if (events.size() > MAX_BATCH_SIZE) {
            throw new InvalidBatchException("a batch holds at most " + MAX_BATCH_SIZE + " events, this one has "
                    + events.size());
        }
        List<JsonNode> result = new ArrayList<>(events.size());
        events.forEach(result::add);
        return result;
    }

    /**
     * @return one outcome per document, in order; fails with {@link RedisUnavailableException} when Redis did not
     *     confirm the write (none or, after a timeout, all of the valid events may be in the stream)
     */
    public Uni<List<Outcome>> publish(List<JsonNode> documents) {
        List<EventPreparer.Prepared> prepared = documents.stream().map(preparer::prepare).toList();
        List<EventPreparer.Ready> ready = prepared.stream()
                .filter(EventPreparer.Ready.class::isInstance)
                .map(EventPreparer.Ready.class::cast)
                .toList();
        int invalid = prepared.size() - ready.size();
        if (invalid > 0) {
            metrics.rejected(Reason.INVALID_EVENT, invalid);
        }
        return appender.append(
                        ready.stream().map(event -> event.event().eventId()).toList(),
                        ready.stream().map(EventPreparer.Ready::json).toList())
                .onFailure().invoke(() -> metrics.rejected(Reason.REDIS_UNAVAILABLE, ready.size()))
                .map(appended -> outcomes(prepared, appended));
    }

    private List<Outcome> outcomes(List<EventPreparer.Prepared> prepared, List<Appended> appended) {
        List<Outcome> outcomes = new ArrayList<>(prepared.size());
        int next = 0;
        int duplicates = 0;
        for (EventPreparer.Prepared item : prepared) {
            if (item instanceof EventPreparer.Ready ready) {
                Appended result = appended.get(next++);
                duplicates += result.duplicate() ? 1 : 0;
                outcomes.add(new Outcome.Accepted(ready.event(), result));
            } else {
                outcomes.add(((EventPreparer.Invalid) item).rejection());
            }
        }
        metrics.accepted(appended.size() - duplicates);
        metrics.duplicates(duplicates);
        return outcomes;
    }
}
