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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The binary checkpoint of a {@link SameDiffAvcaNetwork}: a header naming the format and the
 * architecture, the optimiser's step count, then named arrays (shape and little-endian values).
 * Written to a temporary file beside the target and moved into place atomically.
 */
final class CheckpointFile {

    private static final String MAGIC = "AVCA4J-SAMEDIFF-CHECKPOINT";
    private static final int VERSION = 1;
    private static final byte FLOAT32 = 4;
    private static final byte FLOAT64 = 8;

    private CheckpointFile() {}

    /** What a checkpoint holds. */
    record Contents(AvcaConfig config, long optimizerSteps, Map<String, INDArray> arrays) {}

    static void write(
            Path file, AvcaConfig config, long optimizerSteps, Map<String, INDArray> arrays)
            throws IOException {
        AtomicFiles.write(
                file,
                tmp -> {
                    try (OutputStream os = Files.newOutputStream(tmp);
                            DataOutputStream out =
                                    new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
                        out.writeUTF(MAGIC);
                        out.writeInt(VERSION);
                        writeConfig(out, config);
                        out.writeLong(optimizerSteps);
                        out.writeInt(arrays.size());
                        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                            writeArray(out, e.getKey(), e.getValue());
                        }
                    }
                });
    }

    /**
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
            if (version != VERSION) {
                throw new IOException(
                        file + ": checkpoint format version " + version + ", expected " + VERSION);
            }
            AvcaConfig config = readConfig(in, file);
            long steps = in.readLong();
            int count = in.readInt();
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                arrays.put(name, readArray(in, file, name));
            }
            return new Contents(config, steps, arrays);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
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
