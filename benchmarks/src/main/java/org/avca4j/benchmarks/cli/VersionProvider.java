package org.avca4j.benchmarks.cli;

import picocli.CommandLine;

/** The project version from the jar's manifest ("development" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** The version of the running build. */
    public static String projectVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "avca4j " + projectVersion(), "Java " + System.getProperty("java.version")
        };
    }
}
