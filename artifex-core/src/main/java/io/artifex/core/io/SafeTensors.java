package io.artifex.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.core.config.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors file format (Hugging Face's, read by {@code safetensors.torch.load_file}):
 * <ol>
 *   <li>8 bytes: {@code N}, the header's length, an unsigned little-endian 64-bit integer;</li>
 *   <li>{@code N} bytes: a UTF-8 JSON object, {@code {"__metadata__": {string: string},
 *       "<name>": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}},
 *       padded with spaces to a multiple of 8 bytes (as the reference implementation pads it,
 *       so that the data starts 8-byte aligned);</li>
 *   <li>the data: every tensor's values, row-major, little-endian, at {@code [begin, end)}
 *       relative to the start of the data, contiguous and in header order.</li>
 * </ol>
 * This writer puts {@code __metadata__} first and the tensors in the order given, keys within a
 * tensor as {@code dtype, shape, data_offsets}, with no spaces in the JSON.
 *
 * <p>The reader checks before it allocates: the header length against {@value #MAX_HEADER_BYTES}
 * bytes (the reference implementation's limit) and against the file size; then every entry
 * (known dtype, non-negative shape, {@code end - begin} equal to the number of elements times the
 * element size), and that the tensors' ranges, sorted, start at 0, follow each other without gap
 * or overlap and end exactly at the end of the file. Every error names the file and the tensor.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class SafeTensors {

    /** The largest header this reader accepts, in bytes (100 MB, as the reference implementation). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The header key of the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SafeTensors() {
    }

    /**
     * A file's contents: the tensors in file order (by offset) and the metadata.
     *
     * @param tensors the tensors by name, on the manager given to {@link #read}
     * @param metadata the {@code __metadata__} entries (empty when absent)
     */
    public record Contents(Map<String, NDArray> tensors, Map<String, String> metadata) {
        /** Keeps the given order; both maps become unmodifiable. */
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** The safetensors name of a DJL data type. */
    static String dtypeName(DataType type) {
        return switch (type) {
            case FLOAT64 -> "F64";
            case FLOAT32 -> "F32";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case INT64 -> "I64";
            case INT32 -> "I32";
            case INT8 -> "I8";
            case UINT8 -> "U8";
            case BOOLEAN -> "BOOL";
            default -> throw new IllegalArgumentException("data type " + type + " has no safetensors dtype");
        };
    }

    /** The DJL data type of a safetensors dtype name, or null when this reader does not know it. */
    static DataType dataType(String name) {
        return switch (name) {
            case "F64" -> DataType.FLOAT64;
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "BF16" -> DataType.BFLOAT16;
            case "I64" -> DataType.INT64;
            case "I32" -> DataType.INT32;
            case "I8" -> DataType.INT8;
            case "U8" -> DataType.UINT8;
            case "BOOL" -> DataType.BOOLEAN;
            default -> null;
        };
    }

    /**
     * Writes {@code tensors} (in the order given) and {@code metadata} to {@code file}, atomically.
     *
     * @throws IllegalArgumentException for an empty or reserved name or a data type safetensors has no name for
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        if (file == null || tensors == null || metadata == null) {
            throw new IllegalArgumentException("file, tensors and metadata must not be null");
        }
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> {
            writeLong(out, header.length);
            out.write(header);
            for (NDArray a : tensors.values()) {
                out.write(littleEndian(a));
            }
        });
    }

    /** The padded JSON header of {@code tensors} with {@code metadata}. */
    static byte[] header(Map<String, NDArray> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("tensor name '" + name + "' is empty or reserved");
            }
            NDArray a = e.getValue();
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", dtypeName(a.getDataType()));
            ArrayNode shape = entry.putArray("shape");
            for (long d : a.getShape().getShape()) {
                shape.add(d);
            }
            long size = a.getShape().size() * a.getDataType().getNumOfBytes();
            entry.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a safetensors header: " + e.getMessage(), e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            header[i] = ' ';
        }
        return header;
    }

    /** The array's values as little-endian bytes, row-major. */
    private static byte[] littleEndian(NDArray a) {
        ByteBuffer native_ = a.toByteBuffer();
        byte[] bytes = new byte[native_.remaining()];
        native_.duplicate().get(bytes);
        int width = a.getDataType().getNumOfBytes();
        if (native_.order() != ByteOrder.LITTLE_ENDIAN && width > 1) {
            for (int i = 0; i < bytes.length; i += width) {
                for (int j = 0; j < width / 2; j++) {
                    byte t = bytes[i + j];
                    bytes[i + j] = bytes[i + width - 1 - j];
                    bytes[i + width - 1 - j] = t;
                }
            }
        }
        return bytes;
    }

    private static void writeLong(OutputStream out, long v) throws IOException {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    /** One header entry, checked. */
    private record Entry(String name, DataType type, Shape shape, long begin, long end) {
    }

    /**
     * Reads {@code file} into arrays on {@code manager}, after checking the header as the class
     * description says.
     *
     * @throws IllegalArgumentException naming the file (and the tensor) when the file breaks a rule
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static Contents read(Path file, NDManager manager) {
        if (file == null || manager == null) {
            throw new IllegalArgumentException("file and manager must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("safetensors file not found: " + file);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw bad(file, "the file is " + size + " bytes long, shorter than the 8-byte header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long n = lengthBytes.flip().getLong();
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw bad(file, "the header length is " + Long.toUnsignedString(n) + " bytes; the limit is "
                        + MAX_HEADER_BYTES);
            }
            if (n > size - 8) {
                throw bad(file, "the header length is " + n + " bytes but only " + (size - 8)
                        + " bytes follow it (truncated?)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
            readFully(channel, headerBytes, 8);
            long dataSize = size - 8 - n;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = parseHeader(file, headerBytes.array(), dataSize, metadata);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer data = ByteBuffer.allocateDirect((int) (e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, data, 8 + n + e.begin());
                data.flip();
                ByteBuffer values = data;
                if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                    values = swapped(data, e.type().getNumOfBytes());
                }
                // a copy owned by the manager: the array must not keep pointing at this buffer
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray view = scratch.create(values, e.shape(), e.type());
                    NDArray owned = view.duplicate();
                    owned.attach(manager);
                    tensors.put(e.name(), owned);
                }
            }
            return new Contents(tensors, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Entry> parseHeader(Path file, byte[] header, long dataSize, Map<String, String> metadata) {
        if (header.length == 0 || header[0] != '{') {
            throw bad(file, "the header is not a JSON object (it must start with '{')");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw bad(file, "the header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "the header is not a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals(METADATA_KEY)) {
                if (!v.isObject()) {
                    throw bad(file, METADATA_KEY + " must be an object of strings");
                }
                v.fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw bad(file, METADATA_KEY + " entry '" + m.getKey() + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().textValue());
                });
                continue;
            }
            entries.add(entry(file, name, v));
        }
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : byOffset) {
            if (e.begin() != expected) {
                throw bad(file, "tensor '" + e.name() + "' starts at data offset " + e.begin() + " but "
                        + (e.begin() < expected ? "the previous tensor ends at " : "the data before it ends at ")
                        + expected + (e.begin() < expected ? " (overlap)" : " (gap)"));
            }
            expected = e.end();
        }
        if (expected != dataSize) {
            throw bad(file, "the file has " + dataSize + " data bytes but its tensors cover " + expected
                    + (dataSize < expected ? " (truncated?)" : " (trailing bytes)"));
        }
        return byOffset;
    }

    private static Entry entry(Path file, String name, JsonNode v) {
        String where = "tensor '" + name + "' ";
        if (!v.isObject()) {
            throw bad(file, where + "is not a JSON object");
        }
        JsonNode dtype = v.get("dtype");
        JsonNode shape = v.get("shape");
        JsonNode offsets = v.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray()) {
            throw bad(file, where + "needs \"dtype\" (string), \"shape\" (array) and \"data_offsets\" (array)");
        }
        DataType type = dataType(dtype.textValue());
        if (type == null) {
            throw bad(file, where + "has dtype '" + dtype.textValue() + "', which this reader does not support");
        }
        long[] dims = new long[shape.size()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToExactIntegral() || !d.canConvertToLong() || d.longValue() < 0) {
                throw bad(file, where + "has shape " + shape + "; dimensions must be non-negative integers");
            }
            dims[i] = d.longValue();
            try {
                count = Math.multiplyExact(count, dims[i]);
            } catch (ArithmeticException e) {
                throw bad(file, where + "has shape " + shape + ", too many elements");
            }
        }
        if (offsets.size() != 2 || !offsets.get(0).canConvertToExactIntegral() || !offsets.get(1).canConvertToExactIntegral()
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw bad(file, where + "has data_offsets " + offsets + "; expected [begin, end], two integers");
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (begin < 0 || end < begin) {
            throw bad(file, where + "has data_offsets " + offsets + "; need 0 <= begin <= end");
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(count, type.getNumOfBytes());
        } catch (ArithmeticException e) {
            throw bad(file, where + "has shape " + shape + ", too many bytes");
        }
        if (end - begin != bytes) {
            throw bad(file, where + "has data_offsets " + offsets + " (" + (end - begin) + " bytes) but its shape "
                    + shape + " of " + dtype.textValue() + " needs " + bytes + " bytes");
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw bad(file, where + "is " + bytes + " bytes; tensors over 2 GiB are not supported");
        }
        return new Entry(name, type, new Shape(dims), begin, end);
    }

    private static ByteBuffer swapped(ByteBuffer littleEndian, int width) {
        ByteBuffer out = ByteBuffer.allocateDirect(littleEndian.remaining()).order(ByteOrder.nativeOrder());
        byte[] element = new byte[width];
        while (littleEndian.hasRemaining()) {
            littleEndian.get(element);
            for (int j = width - 1; j >= 0; j--) {
                out.put(element[j]);
            }
        }
        return out.flip();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    private static IllegalArgumentException bad(Path file, String problem) {
        return new IllegalArgumentException("invalid safetensors file " + file + ": " + problem);
    }
}
