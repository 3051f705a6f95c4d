package io.artifex.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for running on one machine ({@code local[n]}): tests, examples and measurements.
 * On a cluster, {@code spark-submit} configures the session; use {@code SparkSession.builder()
 * .getOrCreate()} there.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class SparkSessions {

    /**
     * The JVM options Spark needs on Java 17 (what its launcher adds): a JVM that runs Spark in
     * process, such as {@code local[*]} under {@code java} or Maven, must start with them.
     */
    public static final String JAVA17_OPTIONS = "--add-opens=java.base/java.lang=ALL-UNNAMED"
            + " --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
            + " --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
            + " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
            + " --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
            + " --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED"
            + " --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false";

    private SparkSessions() {
    }

    /**
     * A new (or the running) session on {@code master}, e.g. {@code local[2]} or {@code local[*]},
     * without the web UI or console progress bars, and with as many shuffle partitions as the machine
     * has processors (Spark's default of 200 only adds empty tasks on one machine).
     */
    public static SparkSession local(String master, String appName) {
        if (master == null || !master.startsWith("local")) {
            throw new IllegalArgumentException("master must be local, local[n] or local[*], got " + master
                    + "; on a cluster let spark-submit set it");
        }
        return SparkSession.builder().master(master).appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(1,
                        Runtime.getRuntime().availableProcessors())))
                .getOrCreate();
    }
}
