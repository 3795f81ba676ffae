package org.avca4j.benchmarks.perf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** How every {@code perf} command prints its figures: one JSON object, or one line of text. */
final class PerfOutput {

    private PerfOutput() {}

    /**
     * Prints {@code figures} as one JSON object when {@code json}, else {@code text}.
     *
     * @throws JsonProcessingException if a figure cannot be written as JSON
     */
    static void print(CommandSpec spec, boolean json, Map<String, Object> figures, String text)
            throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? new ObjectMapper().writeValueAsString(figures) : text);
        out.flush();
    }
}
