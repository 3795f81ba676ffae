package org.avca4j.trainer.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.io.DamagedFileException;
import org.avca4j.trainer.io.Sha256;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binary checkpoint of a {@link SameDiffAvcaNetwork} or of another method's SameDiff network: a
 * header naming the format and the architecture, the optimiser's step count, named arrays (shape
 * and little-endian values), and the SHA-256 digest of everything before it (32 bytes). Written to
 * a temporary file beside the target and moved into place atomically.
 *
 * <p>AVCA's header holds its {@link AvcaConfig}; another method's ({@link #writeMethod}) holds a
 * line of text that names the method and its architecture, under a header of its own, so that
 * neither kind loads as the other.
 *
 * <p>The digest is checked before anything is parsed, so a changed file — a negated weight matrix
 * of the same size, flipped bytes — fails as {@link DamagedFileException} instead of loading
 * weights that were never trained. Files of format version 1 (before the digest) still load, with a
 * warning that their integrity cannot be checked: refusing them would throw away interrupted runs
 * of earlier versions.
 */
public final class CheckpointFile {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);

    private static final String MAGIC = "AVCA4J-SAMEDIFF-CHECKPOINT";

    /** The header of a checkpoint of named arrays ({@link #writeArrays}). */
    private static final int VERSION = 2;

    /** The header of a checkpoint of a method other than AVCA. */
    private static final String METHOD_MAGIC = "AVCA4J-METHOD-CHECKPOINT";

    private static final int METHOD_VERSION = 1;

    /** The first version, without the digest. */
    private static final int VERSION_WITHOUT_DIGEST = 1;

    private static final int DIGEST_BYTES = 32;
    private static final byte FLOAT32 = 4;
    private static final byte FLOAT64 = 8;

    private CheckpointFile() {}

    /** What a checkpoint holds. */
    record Contents(AvcaConfig config, long optimizerSteps, Map<String, INDArray> arrays) {}

    /**
     * What a method's checkpoint holds.
     *
     * @param architecture the text {@link #writeMethod} was given
     * @param optimizerSteps the optimiser's step count
     * @param arrays named arrays, in the order written
     */
    public record MethodContents(
            String architecture, long optimizerSteps, Map<String, INDArray> arrays) {}

    static void write(
            Path file, AvcaConfig config, long optimizerSteps, Map<String, INDArray> arrays)
            throws IOException {
        write(file, MAGIC, VERSION, out -> writeConfig(out, config), optimizerSteps, arrays);
    }

    /**
     * Writes the checkpoint of a method other than AVCA, atomically.
     *
     * @param architecture names the method and every width and setting its arrays depend on; {@link
     *     #readMethod} gives it back for the loader to compare
     * @throws IOException if the file cannot be written
     */
    public static void writeMethod(
            Path file, String architecture, long optimizerSteps, Map<String, INDArray> arrays)
            throws IOException {
        write(
                file,
                METHOD_MAGIC,
                METHOD_VERSION,
                out -> out.writeUTF(architecture),
                optimizerSteps,
                arrays);
    }

    /**
     * The arrays of a method checkpoint in the order written: the network's, then the optimiser's
     * first and second moments as {@code adam.m.<name>} and {@code adam.v.<name>}.
     */
    public static Map<String, INDArray> methodArrays(
            Map<String, INDArray> network,
            Map<String, INDArray> firstMoments,
            Map<String, INDArray> secondMoments) {
        Map<String, INDArray> arrays = new LinkedHashMap<>(network);
        firstMoments.forEach((k, v) -> arrays.put("adam.m." + k, v));
        secondMoments.forEach((k, v) -> arrays.put("adam.v." + k, v));
        return arrays;
    }

    /**
     * Reads a method checkpoint of an architecture into a network's live arrays ({@link #restore}).
     *
     * @param targets the network's arrays by name, as {@link #methodArrays} assembles them
     * @return the optimiser steps the checkpoint holds
     * @throws IOException if the file cannot be read, is damaged, or holds another method or
     *     architecture (nothing is changed then)
     */
    public static long loadMethod(Path file, String architecture, Map<String, INDArray> targets)
            throws IOException {
        MethodContents c = readMethod(file);
        if (!c.architecture().equals(architecture)) {
            throw new IOException(
                    "Checkpoint "
                            + file
                            + " belongs to another method or architecture: it holds "
                            + c.architecture()
                            + ", this network is "
                            + architecture);
        }
        restore(file, c.arrays(), targets);
        return c.optimizerSteps();
    }

    /** Writes the part of the header that names the architecture. */
    private interface HeaderWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static void write(
            Path file,
            String magic,
            int version,
            HeaderWriter header,
            long optimizerSteps,
            Map<String, INDArray> arrays)
            throws IOException {
        AtomicFiles.write(
                file,
                tmp -> {
                    MessageDigest digest = Sha256.newDigest();
                    try (OutputStream os = Files.newOutputStream(tmp);
                            BufferedOutputStream buffered = new BufferedOutputStream(os, 1 << 16);
                            DataOutputStream out =
                                    new DataOutputStream(
                                            new DigestOutputStream(buffered, digest))) {
                        out.writeUTF(magic);
                        out.writeInt(version);
                        header.write(out);
                        out.writeLong(optimizerSteps);
                        out.writeInt(arrays.size());
                        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                            writeArray(out, e.getKey(), e.getValue());
                        }
                        out.flush();
                        buffered.write(digest.digest());
                    }
                });
    }

    /**
     * @throws DamagedFileException if the content does not match its digest or is cut short
     * @throws IOException if the file cannot be read or is not an avca4j SameDiff checkpoint
     */
    static Contents read(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException e) {
                throw new IOException(
                        file + " is not an avca4j SameDiff checkpoint (no header)", e);
            }
            if (!MAGIC.equals(magic)) {
                throw new IOException(
                        file
                                + " is not an avca4j SameDiff checkpoint: header '"
                                + magic
                                + "', expected '"
                                + MAGIC
                                + "'");
            }
            int version = in.readInt();
            if (version == VERSION) {
                checkDigest(file);
            } else if (version == VERSION_WITHOUT_DIGEST) {
                LOG.warn(
                        "{} was written by an earlier version without a digest: it is loaded, but"
                                + " damage to it cannot be detected",
                        file);
            } else {
                throw new IOException(
                        file
                                + ": checkpoint format version "
                                + version
                                + ", expected "
                                + VERSION
                                + " (or "
                                + VERSION_WITHOUT_DIGEST
                                + ")");
            }
            AvcaConfig config = readConfig(in, file);
            long steps = in.readLong();
            return new Contents(config, steps, readArrays(in, file));
        } catch (EOFException e) {
            throw cutShort(file, e);
        }
    }

    /**
     * Reads what {@link #writeMethod} wrote.
     *
     * @throws DamagedFileException if the content does not match its digest or is cut short
     * @throws IOException if the file cannot be read or is not a method checkpoint of avca4j
     */
    public static MethodContents readMethod(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException e) {
                throw new IOException(file + " is not an avca4j method checkpoint (no header)", e);
            }
            if (!METHOD_MAGIC.equals(magic)) {
                throw new IOException(
                        file
                                + " is not an avca4j method checkpoint: header '"
                                + magic
                                + "', expected '"
                                + METHOD_MAGIC
                                + "'");
            }
            int version = in.readInt();
            if (version != METHOD_VERSION) {
                throw new IOException(
                        file
                                + ": method checkpoint format version "
                                + version
                                + ", expected "
                                + METHOD_VERSION);
            }
            checkDigest(file);
            String architecture = in.readUTF();
            long steps = in.readLong();
            return new MethodContents(architecture, steps, readArrays(in, file));
        } catch (EOFException e) {
            throw cutShort(file, e);
        }
    }

    /**
     * Copies a checkpoint's arrays into a network's live arrays (cast to their type), after
     * checking that both hold the same names with the same shapes; nothing is changed when a check
     * fails.
     *
     * @param saved the arrays read from {@code file}
     * @param targets the network's arrays by name
     * @throws IOException if the names or a shape differ; the message names the file and array
     */
    public static void restore(
            Path file, Map<String, INDArray> saved, Map<String, INDArray> targets)
            throws IOException {
        if (!saved.keySet().equals(targets.keySet())) {
            throw new IOException(
                    "Checkpoint "
                            + file
                            + " holds arrays "
                            + saved.keySet()
                            + ", expected "
                            + targets.keySet());
        }
        for (Map.Entry<String, INDArray> e : targets.entrySet()) {
            INDArray src = saved.get(e.getKey());
            if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                throw new IOException(
                        "Checkpoint "
                                + file
                                + ": array '"
                                + e.getKey()
                                + "' has shape "
                                + Arrays.toString(src.shape())
                                + ", expected "
                                + Arrays.toString(e.getValue().shape()));
            }
        }
        for (Map.Entry<String, INDArray> e : targets.entrySet()) {
            e.getValue().assign(saved.get(e.getKey()).castTo(e.getValue().dataType()));
        }
    }

    private static DamagedFileException cutShort(Path file, EOFException e) {
        DamagedFileException d = new DamagedFileException(file, "it is cut short");
        d.initCause(e);
        return d;
    }

    private static Map<String, INDArray> readArrays(DataInputStream in, Path file)
            throws IOException {
        int count = in.readInt();
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            arrays.put(name, readArray(in, file, name));
        }
        return arrays;
    }

    /** Compares the digest at the end of the file with the digest of what precedes it. */
    private static void checkDigest(Path file) throws IOException {
        long size = Files.size(file);
        if (size < DIGEST_BYTES) {
            throw new DamagedFileException(file, "it is cut short (" + size + " bytes)");
        }
        byte[] actual = Sha256.ofPrefix(file, size - DIGEST_BYTES);
        byte[] recorded = new byte[DIGEST_BYTES];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(recorded);
            while (buf.hasRemaining()) {
                if (channel.read(buf, size - DIGEST_BYTES + buf.position()) < 0) {
                    throw new EOFException();
                }
            }
        }
        DamagedFileException.checkDigest(
                file, Sha256.hex(actual), Sha256.hex(recorded), "its last 32 bytes");
    }

    private static void writeConfig(DataOutputStream out, AvcaConfig c) throws IOException {
        for (int v :
                new int[] {
                    c.audioDim(),
                    c.videoDim(),
                    c.textDim(),
                    c.encoderHidden(),
                    c.projHidden(),
                    c.outDim(),
                    c.heads(),
                    c.headDim(),
                    c.mlpDim()
                }) {
            out.writeInt(v);
        }
        for (double v :
                new double[] {c.dropoutEnc(), c.dropoutProj(), c.dropoutDec(), c.momentum()}) {
            out.writeDouble(v);
        }
    }

    private static AvcaConfig readConfig(DataInputStream in, Path file) throws IOException {
        int[] i = new int[9];
        for (int k = 0; k < i.length; k++) {
            i[k] = in.readInt();
        }
        double[] d = new double[4];
        for (int k = 0; k < d.length; k++) {
            d[k] = in.readDouble();
        }
        try {
            return new AvcaConfig(
                    i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], i[8], d[0], d[1], d[2], d[3]);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": invalid architecture in header: " + e.getMessage(), e);
        }
    }

    private static void writeArray(DataOutputStream out, String name, INDArray arr)
            throws IOException {
        out.writeUTF(name);
        long[] shape = arr.shape();
        out.writeInt(shape.length);
        for (long s : shape) {
            out.writeLong(s);
        }
        INDArray c = arr.dup('c');
        ByteBuffer buf;
        if (arr.dataType() == DataType.DOUBLE) {
            out.writeByte(FLOAT64);
            double[] v = c.data().asDouble();
            buf = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.asDoubleBuffer().put(v);
        } else {
            out.writeByte(FLOAT32);
            float[] v = c.data().asFloat();
            buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
        }
        out.write(buf.array());
    }

    private static INDArray readArray(DataInputStream in, Path file, String name)
            throws IOException {
        int rank = in.readInt();
        if (rank < 0 || rank > 8) {
            throw new IOException(file + ": array '" + name + "' has invalid rank " + rank);
        }
        long[] shape = new long[rank];
        long n = 1;
        for (int k = 0; k < rank; k++) {
            shape[k] = in.readLong();
            n *= shape[k];
        }
        if (n < 0 || n > Integer.MAX_VALUE / 8) {
            throw new IOException(
                    file + ": array '" + name + "' has invalid shape " + Arrays.toString(shape));
        }
        byte type = in.readByte();
        if (type != FLOAT32 && type != FLOAT64) {
            throw new IOException(file + ": array '" + name + "' has unknown value type " + type);
        }
        byte[] bytes = new byte[(int) n * type];
        in.readFully(bytes);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (type == FLOAT64) {
            double[] v = new double[(int) n];
            buf.asDoubleBuffer().get(v);
            return Nd4j.createFromArray(v).reshape(shape);
        }
        float[] v = new float[(int) n];
        buf.asFloatBuffer().get(v);
        return Nd4j.createFromArray(v).reshape(shape);
    }
}
