package io.artifex.training.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binary file of named arrays a checkpoint uses: the magic {@code ARTXARR1}, a count,
 * then per array its name (modified UTF-8), byte length and DJL encoding.
 */
final class NamedArrays {

    private static final byte[] MAGIC = {'A', 'R', 'T', 'X', 'A', 'R', 'R', '1'};
    /** The highest rank an array in a checkpoint may have. */
    private static final int MAX_RANK = 32;

    private NamedArrays() {
    }

    /** Writes {@code arrays} to {@code stream} and closes it. */
    static void write(OutputStream stream, Map<String, NDArray> arrays) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream))) {
            out.write(MAGIC);
            out.writeInt(arrays.size());
            for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                byte[] bytes = e.getValue().encode();
                out.writeUTF(e.getKey());
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /** Reads every array onto {@code manager}; a malformed file is refused with its name. */
    static Map<String, NDArray> read(Path file, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("checkpoint file " + file + " is not an Artifex array file (bad magic)");
            }
            long fileSize = Files.size(file);
            int count = in.readInt();
            if (count < 0) {
                throw new IllegalArgumentException("checkpoint file " + file + " has a negative array count");
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > fileSize) {
                    throw new IllegalArgumentException("checkpoint file " + file + " has a bad length for '"
                            + CheckpointIO.shown(name) + "'");
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                out.put(name, decode(bytes, manager, file, name));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("checkpoint file " + file + " has trailing bytes");
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("checkpoint file " + file + " is truncated", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Decodes one array after checking its DJL encoding: DJL's decoder trusts the header (a rank or
     * a string count of 2^31 - 1 is allocated as given: an OutOfMemoryError), so the header is read
     * here first and must describe exactly the bytes that follow.
     */
    private static NDArray decode(byte[] bytes, NDManager manager, Path file, String name) {
        String problem = encodingProblem(ByteBuffer.wrap(bytes));
        if (problem != null) {
            throw new IllegalArgumentException("checkpoint file " + file + ": array '" + CheckpointIO.shown(name)
                    + "' is malformed (" + problem + ")");
        }
        try {
            return manager.decode(bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("checkpoint file " + file + ": array '" + CheckpointIO.shown(name)
                    + "' cannot be decoded (" + CheckpointIO.shown(e.getMessage()) + ")", e);
        }
    }

    /** What is wrong with a DJL array encoding ({@code NDSerializer}, versions 1 to 3), or null. */
    static String encodingProblem(ByteBuffer bb) {
        try {
            if (!"NDAR".equals(shortAscii(bb))) {
                return "no NDAR header";
            }
            int version = bb.getInt();
            if (version < 1 || version > 3) {
                return "encoding version " + version + ", expected 1 to 3";
            }
            if (version > 1 && bb.get() == 1) {
                shortAscii(bb);
            }
            shortAscii(bb); // sparse format
            DataType type;
            try {
                type = DataType.valueOf(shortAscii(bb));
            } catch (IllegalArgumentException e) {
                return "unknown data type";
            }
            if (type == DataType.STRING || type == DataType.UNKNOWN || type.getNumOfBytes() <= 0) {
                return "data type " + type + " is not a tensor of numbers";
            }
            int rank = bb.getInt();
            if (rank < 0 || rank > MAX_RANK) {
                return "rank " + rank + ", expected 0 to " + MAX_RANK;
            }
            long bytes = type.getNumOfBytes();
            for (int i = 0; i < rank; i++) {
                long dim = bb.getLong();
                if (dim < 0 || dim > Integer.MAX_VALUE || (bytes *= Math.max(dim, 1)) > Integer.MAX_VALUE) {
                    return "dimension " + i + " is " + dim + ", negative or too large";
                }
                if (dim == 0) {
                    bytes = 0;
                }
            }
            int layout = bb.getInt();
            if (layout < 0 || layout > rank) {
                return "layout of " + layout + " characters for rank " + rank;
            }
            bb.position(bb.position() + 2 * layout);
            if (version > 2) {
                bb.get();
            }
            int length = bb.getInt();
            if (length != bytes || length != bb.remaining()) {
                return "the shape needs " + bytes + " bytes, the header says " + length + " and " + bb.remaining()
                        + " follow";
            }
            return null;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return "truncated header";
        }
    }

    /** A string as DJL writes it (two length bytes, then the bytes); only short ASCII names are expected. */
    private static String shortAscii(ByteBuffer bb) {
        int length = ((bb.get() & 0xFF) << 8) | (bb.get() & 0xFF);
        if (length > 255) {
            throw new IllegalArgumentException("name too long");
        }
        byte[] text = new byte[length];
        bb.get(text);
        return new String(text, StandardCharsets.ISO_8859_1);
    }
}
