package org.avca4j.trainer.method;

import java.io.IOException;
import java.nio.file.Path;
import org.avca4j.trainer.model.MethodGraph;

/**
 * A method network on one {@link MethodGraph} whose checkpoints are named by an architecture line:
 * saving, loading and closing are the graph's (ClipClap, and the networks of {@link
 * TwoBranchNetwork}).
 */
public interface GraphMethodNetwork extends MethodNetwork {

    /** The graph (for the network's build, tests and export). */
    MethodGraph graph();

    /**
     * The line every checkpoint of this network carries; a checkpoint of another line is refused.
     */
    String architecture();

    /**
     * The architecture line of a method's network on a stage: the method, the context's widths and
     * training classes, every setting.
     */
    static String architecture(String methodId, MethodContext context, MethodSettings settings) {
        return methodId
                + "{audio="
                + context.audioDim()
                + ", video="
                + context.videoDim()
                + ", text="
                + context.textDim()
                + ", classes="
                + context.trainClassCount()
                + ", "
                + settings.asMap()
                + "}";
    }

    /**
     * @throws IOException if the file cannot be written
     */
    @Override
    default void save(Path file) throws IOException {
        graph().save(file, architecture());
    }

    /**
     * @throws IOException if the file cannot be read or holds another architecture
     */
    @Override
    default void load(Path file) throws IOException {
        graph().load(file, architecture());
    }

    @Override
    default void close() {
        graph().close();
    }
}
