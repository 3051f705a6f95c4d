package io.artifex.data;

/**
 * The ceilings the data readers check in a file's header, before they allocate or decode
 * anything: how many bytes a data set may occupy in memory and how many pixels one image file
 * may declare. Readers take other values where a caller passes them.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class DataLimits {

    /** The most bytes a data set's pixels (or an IDX payload) may occupy in memory unless a caller gives another ceiling: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    /**
     * The most pixels one image file may declare in its header (width times height) unless a
     * caller gives another ceiling: 2^25 = 33,554,432, e.g. 8192 x 4096. Decoding holds the whole
     * image (4 bytes a pixel), so this bounds one decode to about 128 MiB.
     */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 1L << 25;

    /**
     * The most samples (frames times channels) one audio file may declare unless a caller gives
     * another ceiling: 2^26 = 67,108,864, e.g. 70 minutes of mono 16 kHz audio. Decoding holds the
     * whole file as floats (4 bytes a sample), so this bounds one decode to 256 MiB.
     */
    public static final long DEFAULT_MAX_AUDIO_SAMPLES = 1L << 26;

    private DataLimits() {
    }
}
