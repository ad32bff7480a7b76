package dev.tasktrail.bench.startup;

/**
 * The start-up baseline: a JVM that does nothing but say it is up, then idles until it is stopped (at most ten
 * minutes, so a lost one ends by itself).
 */
public final class IdleJvm {

    static final String READY = "ready";

    private IdleJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(600_000);
    }
}
