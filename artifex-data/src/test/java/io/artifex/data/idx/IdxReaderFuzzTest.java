package io.artifex.data.idx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.artifex.data.fuzz.FuzzContract;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the IDX reader (raw and gzip). The seed corpus in
 * {@code IdxReaderFuzzTestInputs/} runs as a regression test in every build; see
 * docs/testing.md, "Fuzzing", for a longer run.
 */
class IdxReaderFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void readAnyIdx(byte[] input) throws Exception {
        FuzzContract.check(() -> {
            IdxArray array = IdxReader.read(new ByteArrayInputStream(input), "fuzz.idx");
            long elements = 1;
            for (int d : array.dims()) {
                elements *= d;
            }
            // a successful read holds exactly what its header promised, and the input had those bytes
            assertThat(array.dims()).hasSizeBetween(1, IdxReader.MAX_RANK);
            assertThat((long) array.data().length).isEqualTo(elements * array.type().bytes());
        }, IdxFormatException.class);
        // the header-first path with an expected type and rank and a small ceiling
        FuzzContract.check(() -> {
            try (IdxInput in = IdxInput.open(new ByteArrayInputStream(input), "fuzz-images.idx", 1 << 20)) {
                IdxArray images = in.expect(IdxType.UBYTE, 3).readPayload();
                assertThat(images.dims()).hasSize(3);
            }
        }, IdxFormatException.class);
    }
}
