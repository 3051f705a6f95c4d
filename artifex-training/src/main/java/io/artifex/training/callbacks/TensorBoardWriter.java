package io.artifex.training.callbacks;

import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes the run's metrics as a TensorBoard event file, {@code events.out.tfevents.<seconds>.<host>}
 * in the given folder, so that {@code tensorboard --logdir <parent folder>} shows and compares runs.
 *
 * <p>What is written: every step's values as scalars at that step (tags as in
 * {@link StepMetrics#values()}: {@code <phase>/loss}, {@code <phase>/<term>}, {@code loss},
 * {@code lr/<key>}); after each epoch its means under {@code epoch/<name>} and the validation loss
 * under {@code validation/loss}, at the number of steps completed.
 *
 * <p>The format, hand-encoded (five protobuf fields do not justify a protobuf dependency on every
 * user's class path): a sequence of TFRecords, each {@code uint64 length} (little-endian),
 * {@code uint32 masked CRC32C of those 8 bytes}, the payload, {@code uint32 masked CRC32C of the
 * payload}, where {@code masked(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8}. Each payload is a
 * protobuf {@code Event}: {@code wall_time} (field 1, double), {@code step} (2, int64 varint),
 * {@code file_version} (3, string {@value #FILE_VERSION}, first record only), {@code summary}
 * (5: repeated {@code value} (1) of {@code tag} (1, string) and {@code simple_value} (2, float)).
 * The file is flushed after every record, so TensorBoard can follow a run while it trains.
 *
 * <p>Thread-safety: not thread-safe: the trainer calls it from its one training thread; use one
 * instance per trainer.
 */
public final class TensorBoardWriter implements Callback, AutoCloseable {

    /** The {@code file_version} of the first record. */
    public static final String FILE_VERSION = "brain.Event:2";
    /** The prefix of an event file's name. */
    public static final String FILE_PREFIX = "events.out.tfevents.";

    private final Path directory;
    private OutputStream out;
    private Path file;

    /** Event files go into {@code directory} (created when training starts). */
    public TensorBoardWriter(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("TensorBoard log directory must not be null");
        }
        this.directory = directory;
    }

    /** The event file being written, once training started. */
    public Path file() {
        return file;
    }

    /** Metrics are recorded before the checkpoint of the same step is written. */
    @Override
    public boolean recordsBeforeCheckpoint() {
        return true;
    }

    @Override
    public void onTrainStart(TrainingSession session) {
        long now = System.currentTimeMillis();
        file = directory.resolve(FILE_PREFIX + (now / 1000) + "." + hostName());
        try {
            Files.createDirectories(directory);
            out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
            MetricsLogger.readableByAll(file);
            ByteArrayOutputStream event = new ByteArrayOutputStream();
            writeDouble(event, 1, now / 1000.0);
            writeVarintField(event, 2, session.step());
            writeBytes(event, 3, FILE_VERSION.getBytes(StandardCharsets.UTF_8));
            writeRecord(event.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TensorBoard events to " + (file == null ? directory : file)
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onStepEnd(TrainingSession session, StepMetrics m) {
        scalars(m.step(), m.values());
    }

    @Override
    public void onEpochEnd(TrainingSession session, EpochMetrics m) {
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Double> validation = new LinkedHashMap<>();
        m.values().forEach((k, v) -> {
            if (k.equals("validation_loss")) {
                validation.put("validation/loss", v);
            } else {
                means.put("epoch/" + k, v);
            }
        });
        means.putAll(validation);
        scalars(m.step(), means);
    }

    /** Writes one event with the given scalars at {@code step}; non-finite values are written as they are. */
    private void scalars(long step, Map<String, Double> values) {
        if (out == null || values.isEmpty()) {
            return;
        }
        try {
            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            for (Map.Entry<String, Double> e : values.entrySet()) {
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                writeBytes(value, 1, e.getKey().getBytes(StandardCharsets.UTF_8));
                writeFloat(value, 2, e.getValue().floatValue());
                writeBytes(summary, 1, value.toByteArray());
            }
            ByteArrayOutputStream event = new ByteArrayOutputStream();
            writeDouble(event, 1, System.currentTimeMillis() / 1000.0);
            writeVarintField(event, 2, step);
            writeBytes(event, 5, summary.toByteArray());
            writeRecord(event.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TensorBoard events to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(TrainingSession session, TrainingResult result) {
        close();
    }

    /** Closes the event file (idempotent). */
    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close TensorBoard event file " + file + ": " + e.getMessage(), e);
            } finally {
                out = null;
            }
        }
    }

    /** One TFRecord: length, masked CRC of the length, payload, masked CRC of the payload; then a flush. */
    private void writeRecord(byte[] payload) throws IOException {
        byte[] length = new byte[8];
        long n = payload.length;
        for (int i = 0; i < 8; i++) {
            length[i] = (byte) (n >>> (8 * i));
        }
        out.write(length);
        writeInt(out, maskedCrc(length));
        out.write(payload);
        writeInt(out, maskedCrc(payload));
        out.flush();
    }

    /** TFRecord's masked CRC32C: {@code ((c >>> 15) | (c << 17)) + 0xa282ead8} in 32 bits. */
    static int maskedCrc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
    }

    private static void writeVarint(OutputStream out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Field {@code field}, wire type 0 (varint). */
    private static void writeVarintField(OutputStream out, int field, long v) throws IOException {
        writeVarint(out, (long) field << 3);
        writeVarint(out, v);
    }

    /** Field {@code field}, wire type 1 (64-bit), a little-endian double. */
    private static void writeDouble(OutputStream out, int field, double v) throws IOException {
        writeVarint(out, ((long) field << 3) | 1);
        long bits = Double.doubleToRawLongBits(v);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)));
        }
    }

    /** Field {@code field}, wire type 5 (32-bit), a little-endian float. */
    private static void writeFloat(OutputStream out, int field, float v) throws IOException {
        writeVarint(out, ((long) field << 3) | 5);
        writeInt(out, Float.floatToRawIntBits(v));
    }

    /** Field {@code field}, wire type 2 (length-delimited). */
    private static void writeBytes(OutputStream out, int field, byte[] bytes) throws IOException {
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, bytes.length);
        out.write(bytes);
    }

    /** The host name as TensorBoard's writers use it in file names, limited to safe characters. */
    private static String hostName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            host = "localhost";
        }
        String safe = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "localhost" : safe;
    }
}
