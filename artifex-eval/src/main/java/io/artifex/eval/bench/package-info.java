/**
 * The benchmark harness behind {@code artifex bench}: the protocol of
 * {@code shared/benchmark-spec.md} as a library call.
 *
 * <pre>{@code
 * BenchmarkOptions options = BenchmarkOptions.builder().models("vae").steps(50).warmup(5).repeats(3).build();
 * BenchmarkReport report = new BenchmarkRunner().run(options);
 * report.writeTo(Path.of("bench"));           // benchmark.json + benchmark.md
 * }</pre>
 *
 * <h2>What is measured, per reference model</h2>
 * <ul>
 *   <li><b>Parameters</b>: the built network's count against the spec's; a mismatch is a failed
 *       check in the report (logged at ERROR, marked ✗ in the table), never silently passed.</li>
 *   <li><b>Training throughput</b>: examples per second through the project's
 *       {@link io.artifex.training.Trainer}. Each repeat builds a fresh model from the seed and
 *       runs one {@code fit} of {@code warmup + steps} steps; a callback stamps the end of every
 *       step and the window from the end of the last warm-up step to the end of the last step is
 *       timed, so everything a real training step costs (batch decoding and preprocessing,
 *       phases, optimizer, metrics, logging) is inside and the warm-up is not. The report gives
 *       the median and the range over repeats, and each repeat's final loss (equal across
 *       repeats for a seed: the runs are deterministic).</li>
 *   <li><b>Sampling</b>: each workload of the spec (VAE: 64 prior samples) timed until the
 *       samples are on the host; median over repeats.</li>
 *   <li><b>Memory</b>: VmRSS of {@code /proc/self/status} and the JVM heap, after a GC, before
 *       the first training repeat and after the last.</li>
 *   <li><b>Environment</b>: CPU model and core count, JVM, engine and version, device,
 *       intra-/inter-op threads, date and command line.</li>
 * </ul>
 *
 * <h2>Quality ({@link io.artifex.eval.bench.BenchmarkOptions#quality()})</h2>
 * A fresh model trained for the largest of {@code qualityEpochs} (default 20) on the embedded
 * MNIST training digits with the model's reference optimizer, measured on the 2,000 test
 * digits after each requested epoch. The VAE reports the single-sample negative ELBO and the
 * importance-weighted bound with {@code importanceSamples} (default 1,000; the docs table uses
 * 5,000), with standard errors, then FID, KID, precision, recall and the classifier score of
 * {@code generatedSamples} (default 1,000) decoded prior samples against the test digits on the
 * shipped MNIST feature network, which is not Inception: those numbers are not comparable with
 * published FIDs. The test digits' binarisation uses a fixed seed
 * ({@link io.artifex.eval.bench.QualityContext#TEST_PREPROCESSING_SEED}).
 *
 * <h2>Entries are files</h2>
 * Each entry is a YAML file {@code <id>.yaml} in {@code benchmarks/} on the class path
 * (artifex-eval's resources): the spec's reference networks and this project's variants beside
 * each other, each with its model config (the schema users write, read through the registry's
 * codec), its pinned parameter count, its data and training settings, its timed sampling
 * workloads and its quality plan ({@link io.artifex.eval.bench.BenchmarkEntries} has the
 * format). This package holds the protocol only: one
 * {@link io.artifex.eval.bench.BenchmarkModel} per file, run the same way for every entry;
 * what differs between families comes from the model's capabilities through a
 * {@link io.artifex.eval.bench.Sampler} and a {@link io.artifex.eval.bench.QualityPlan}, never
 * from a family class. Adding an entry is adding a file: in {@code benchmarks/}, or in any
 * folder passed to {@link io.artifex.eval.bench.BenchmarkModels#load(java.nio.file.Path)}
 * ({@code artifex bench --entries DIR}).
 *
 * <p>Timings depend on the machine and its load; unit tests never assert them.
 */
package io.artifex.eval.bench;
