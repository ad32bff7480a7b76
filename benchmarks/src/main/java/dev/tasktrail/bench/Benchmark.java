package dev.tasktrail.bench;

import dev.tasktrail.bench.support.BenchmarkContext;
import dev.tasktrail.bench.support.Section;

/**
 * One benchmark, run by name from {@code benchmarks/run.sh}. It starts what it measures (through
 * {@link BenchmarkContext}), runs {@code context.mode().runs()} times, measures its baseline in each run, and
 * returns its figures as one report section.
 */
public interface Benchmark {

    /** The name run.sh takes, e.g. {@code publisher}. */
    String name();

    Section run(BenchmarkContext context) throws Exception;
}
