package dev.tasktrail.bench;

import dev.tasktrail.bench.archiver.ArchiverBenchmark;
import dev.tasktrail.bench.endtoend.EndToEndBenchmark;
import dev.tasktrail.bench.projector.ProjectorBenchmark;
import dev.tasktrail.bench.publisher.PublisherBenchmark;
import dev.tasktrail.bench.snapshot.SnapshotBenchmark;
import dev.tasktrail.bench.sse.SseFanoutBenchmark;
import dev.tasktrail.bench.startup.StartupBenchmark;
import java.util.List;
import java.util.Optional;

/** Every benchmark, in the order a run without names runs them. A new benchmark is one class plus one line here. */
final class Benchmarks {

    static final List<Benchmark> ALL = List.of(
            new StartupBenchmark(),
            new PublisherBenchmark(),
            new ProjectorBenchmark(),
            new ArchiverBenchmark(),
            new SnapshotBenchmark(),
            new EndToEndBenchmark(),
            new SseFanoutBenchmark());

    private Benchmarks() {
    }

    static Optional<Benchmark> named(String name) {
        return ALL.stream().filter(benchmark -> benchmark.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Benchmark::name).toList();
    }
}
