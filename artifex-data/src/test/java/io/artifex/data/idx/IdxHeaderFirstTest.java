package io.artifex.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.data.IdxImageDataset;
import io.artifex.data.Mnist;
import io.artifex.data.Split;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX headers are checked before payloads: magic and element type first, then image and label
 * counts against each other and the payload against a ceiling, all before the payload is read
 * or allocated. Files are made by hand with {@link IdxFiles}.
 */
class IdxHeaderFirstTest {

    @TempDir
    Path dir;

    /** Planted bug caught: the type checked after the payload (a float header then reads as "truncated payload"). */
    @Test
    void aFloatElementTypeIsNamedNotReportedAsTruncated() throws IOException {
        Path floats = IdxFiles.write(dir.resolve("floats"), IdxFiles.bytes(0x0D, new int[] {2, 2, 2}, new byte[8]), false);
        assertThatThrownBy(() -> IdxReader.readImages(floats)).isInstanceOf(IdxFormatException.class)
                .hasMessage(floats + ": expected element type UBYTE (code 0x8), found FLOAT (code 0xd)");
    }

    /** Planted bug caught: the length test before the magic test (a 3-byte foreign file is then "too short"). */
    @Test
    void aWrongMagicIsNamedFirst() throws IOException {
        Path png = IdxFiles.write(dir.resolve("png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, false);
        assertThatThrownBy(() -> IdxReader.read(png)).isInstanceOf(IdxFormatException.class)
                .hasMessage(png + ": bad magic number: expected 00 00 <type> <rank>, found 89 50 4e 47 (not an IDX file)");
        Path zip = IdxFiles.write(dir.resolve("zip"), new byte[] {'P', 'K', 3}, false);
        assertThatThrownBy(() -> IdxReader.read(zip))
                .hasMessage(zip + ": bad magic number: expected 00 00 <type> <rank>, found 50 4b 03 (not an IDX file)");
    }

    /**
     * A gzip whose header claims a million images, against a label file of ten: refused from the
     * headers. Planted bug caught: reading the image payload before comparing the headers (then
     * the message is "truncated payload" and the whole compressed stream is consumed).
     */
    @Test
    void imageAndLabelCountsAreComparedBeforeAnyPayloadIsRead() throws IOException {
        byte[] header = IdxFiles.bytes(0x08, new int[] {1_000_000, 28, 28}, new byte[0]);
        byte[] noise = new byte[4 << 20];
        new Random(7).nextBytes(noise);
        byte[] images = gzip(header, noise);
        byte[] labels = IdxFiles.bytes(0x08, new int[] {10}, new byte[10]);
        CountingStream counted = new CountingStream(new ByteArrayInputStream(images));
        long start = System.nanoTime();
        assertThatThrownBy(() -> IdxImageDataset.load(counted, "images.gz", new ByteArrayInputStream(labels),
                "labels", "bomb", 10)).isInstanceOf(IdxFormatException.class)
                .hasMessage("labels: has 10 labels but images.gz has 1000000 images (checked in the headers, before the"
                        + " payloads)");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
        assertThat(counted.count).as("compressed bytes read of " + images.length).isLessThan(64 * 1024);

        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), images);
        IdxFiles.writeUbyte(dir.resolve("train-labels-idx1-ubyte"), new int[] {10}, new byte[10], false);
        assertThatThrownBy(() -> Mnist.load(dir, Split.TRAIN)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("has 10 labels but").hasMessageContaining("has 1000000 images");
    }

    /** Planted bug caught: the ceiling check removed (the header's 1.2 GB would be allocated, or "truncated"). */
    @Test
    void aPayloadAboveTheCeilingIsRefusedBeforeAllocation() throws IOException {
        Path images = IdxFiles.write(dir.resolve("train-images-idx3-ubyte.gz"),
                IdxFiles.bytes(0x08, new int[] {1_500_000, 28, 28}, new byte[0]), true);
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte.gz"),
                IdxFiles.bytes(0x08, new int[] {1_500_000}, new byte[0]), true);
        assertThatThrownBy(() -> Mnist.load(dir, Split.TRAIN)).isInstanceOf(IdxFormatException.class)
                .hasMessage(images + ": dimensions [1500000, 28, 28] of UBYTE need 1176000000 bytes, more than the"
                        + " limit of 1073741824 bytes");
        Path small = IdxFiles.writeUbyte(dir.resolve("small"), new int[] {4, 4}, new byte[16], false);
        assertThatThrownBy(() -> IdxReader.read(small, IdxType.UBYTE, 2, 15))
                .hasMessage(small + ": dimensions [4, 4] of UBYTE need 16 bytes, more than the limit of 15 bytes");
        assertThat(IdxReader.read(small, IdxType.UBYTE, 2, 16).dims()).containsExactly(4, 4);
    }

    private static byte[] gzip(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (byte[] part : parts) {
                gz.write(part);
            }
        }
        return out.toByteArray();
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
