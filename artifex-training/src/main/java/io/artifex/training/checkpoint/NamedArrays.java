package io.artifex.training.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
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
                    throw new IllegalArgumentException("checkpoint file " + file + " has a bad length for '" + name + "'");
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                out.put(name, manager.decode(bytes));
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
}
