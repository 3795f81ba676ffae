package org.avca4j.benchmarks.pipeline;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.avca4j.benchmarks.cli.VersionProvider;
import org.avca4j.benchmarks.report.SoftwareVersions;

/** The versions of the software a run uses, as found at run time. */
final class Versions {

    private static final String UNKNOWN = "unknown";

    private Versions() {}

    /**
     * avca4j from the jar manifest, ONNX Runtime from its native library, ND4J from its Maven
     * metadata.
     */
    static SoftwareVersions current() {
        return new SoftwareVersions(
                VersionProvider.projectVersion(),
                onnxRuntime(),
                mavenVersion("org.nd4j", "nd4j-api"));
    }

    private static String onnxRuntime() {
        try {
            return OrtEnvironment.getEnvironment().getVersion();
        } catch (RuntimeException | LinkageError e) {
            return UNKNOWN;
        }
    }

    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", UNKNOWN);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
