package io.artifex.training.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.training.StepMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.fixtures.TinyGan;
import io.artifex.training.fixtures.ToySource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the event file with a reader written here from the format's description (TFRecord
 * framing, CRC32C bit by bit, protobuf varints and fields by hand), not with the writer's code.
 */
class TensorBoardWriterTest {

    /** A decoded Event: wall time, step, file version (or null), scalars by tag. */
    record Event(double wallTime, long step, String fileVersion, Map<String, Float> scalars) {
    }

    @Test
    void theEventFileParsesAndHoldsEveryLoggedValueAtItsStep(@TempDir Path dir) throws Exception {
        TensorBoardWriter writer = new TensorBoardWriter(dir.resolve("tb"));
        TrainerConfig config = TrainerConfig.builder().epochs(2).batchSize(16).seed(3)
                .optimizer(OptimizerConfig.of(OptimizerType.SGD, 0.01)).validateEvery(1).build();
        TrainingResult r;
        try (TinyGan gan = new TinyGan(1)) {
            r = new Trainer(config, List.of(writer)).fit(gan, new ToySource(32, 16, 1), new ToySource(16, 16, 2));
        }
        List<Path> files;
        try (var listing = Files.list(dir.resolve("tb"))) {
            files = listing.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+");
        List<Event> events = read(Files.readAllBytes(files.get(0)));

        // the first record names the file version and holds no scalars
        assertThat(events.get(0).fileVersion()).isEqualTo("brain.Event:2");
        assertThat(events.get(0).scalars()).isEmpty();
        assertThat(events.get(0).wallTime()).isCloseTo(System.currentTimeMillis() / 1000.0, within(600.0));
        // then per epoch: 2 step events, 1 epoch event
        assertThat(events).hasSize(1 + 2 * (2 + 1));
        List<Event> stepEvents = List.of(events.get(1), events.get(2), events.get(4), events.get(5));
        for (int i = 0; i < 4; i++) {
            StepMetrics logged = r.stepHistory().get(i);
            Event e = stepEvents.get(i);
            assertThat(e.step()).isEqualTo(logged.step());
            assertThat(e.scalars().keySet()).containsExactlyInAnyOrderElementsOf(logged.values().keySet());
            logged.values().forEach((tag, v) -> assertThat(e.scalars().get(tag)).as(tag).isEqualTo(v.floatValue()));
        }
        assertThat(stepEvents.get(3).scalars()).containsKeys("generator/loss", "discriminator/loss", "lr/generator");
        Event epoch1 = events.get(6);
        assertThat(epoch1.step()).isEqualTo(4);
        assertThat(epoch1.scalars().get("validation/loss"))
                .isEqualTo(r.epochHistory().get(1).values().get("validation_loss").floatValue());
        assertThat(epoch1.scalars().get("epoch/generator/loss"))
                .isEqualTo(r.epochHistory().get(1).values().get("generator/loss").floatValue());
    }

    @Test
    void theTestsCrc32cMatchesThePublishedCheckValue() {
        // CRC-32C check value of "123456789" (RFC 3720, B.4)
        assertThat(crc32c("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xE3069283);
    }

    // ---- an independent reader ----

    static List<Event> read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] lengthBytes = new byte[8];
            in.get(lengthBytes);
            long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(in.getInt()).as("length CRC").isEqualTo(masked(crc32c(lengthBytes)));
            byte[] payload = new byte[Math.toIntExact(length)];
            in.get(payload);
            assertThat(in.getInt()).as("payload CRC").isEqualTo(masked(crc32c(payload)));
            events.add(event(payload));
        }
        return events;
    }

    static Event event(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        double wallTime = Double.NaN;
        long step = 0;
        String version = null;
        Map<String, Float> scalars = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            long key = varint(in);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 1 && wire == 1) {
                wallTime = in.getDouble();
            } else if (field == 2 && wire == 0) {
                step = varint(in);
            } else if (field == 3 && wire == 2) {
                version = new String(bytes(in), StandardCharsets.UTF_8);
            } else if (field == 5 && wire == 2) {
                ByteBuffer summary = ByteBuffer.wrap(bytes(in)).order(ByteOrder.LITTLE_ENDIAN);
                while (summary.hasRemaining()) {
                    assertThat(varint(summary)).as("Summary.value key").isEqualTo((1 << 3) | 2);
                    ByteBuffer value = ByteBuffer.wrap(bytes(summary)).order(ByteOrder.LITTLE_ENDIAN);
                    String tag = null;
                    Float simple = null;
                    while (value.hasRemaining()) {
                        long k = varint(value);
                        if (k == ((1 << 3) | 2)) {
                            tag = new String(bytes(value), StandardCharsets.UTF_8);
                        } else if (k == ((2 << 3) | 5)) {
                            simple = value.getFloat();
                        } else {
                            throw new AssertionError("unexpected Summary.Value field key " + k);
                        }
                    }
                    scalars.put(tag, simple);
                }
            } else {
                throw new AssertionError("unexpected Event field " + field + " wire type " + wire);
            }
        }
        return new Event(wallTime, step, version, scalars);
    }

    static long varint(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.get() & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }

    static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[Math.toIntExact(varint(in))];
        in.get(b);
        return b;
    }

    /** CRC-32C (Castagnoli), reflected polynomial 0x82F63B78, bit by bit. */
    static int crc32c(byte[] data) {
        int crc = 0xFFFFFFFF;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    static int masked(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }
}
