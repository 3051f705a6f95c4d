package io.artifex.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * Cross-check of the parameter counts of this package's blocks against the DDPM U-Net total of
 * benchmark-spec.md (2,031,425): the blocks are counted by {@link Blocks#countParameters}, the
 * plain convolutions and linears by hand.
 */
class ReferenceUNetCountTest {

    private static long conv(long cin, long cout, long k) {
        return cin * cout * k * k + cout;
    }

    private static long res(NDManager manager, int cin, int cout) {
        TimeResBlock block = new TimeResBlock(cin, cout, 256, 8);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, cin, 1, 1), new Shape(1, 256));
        return Blocks.countParameters(block);
    }

    @Test
    void theSpecUNetTotalAddsUpFromTheseBlocks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SelfAttention2d attention = new SelfAttention2d(128, 4, 8);
            attention.initialize(manager, DataType.FLOAT32, new Shape(1, 128, 1, 1));
            GroupNorm finalNorm = new GroupNorm(8, 64);
            finalNorm.initialize(manager, DataType.FLOAT32, new Shape(1, 64, 1, 1));
            long total = (64 * 256 + 256) + (256 * 256 + 256) // time MLP after sinusoidal(64)
                    + conv(1, 64, 3)
                    + res(manager, 64, 64) + conv(64, 64, 3) + res(manager, 64, 128)
                    + res(manager, 128, 128) + Blocks.countParameters(attention) + res(manager, 128, 128)
                    + res(manager, 256, 128) + conv(128, 128, 3) + res(manager, 192, 64)
                    + Blocks.countParameters(finalNorm) + conv(64, 1, 3);
            assertThat(total).isEqualTo(2_031_425L);
        }
    }
}
