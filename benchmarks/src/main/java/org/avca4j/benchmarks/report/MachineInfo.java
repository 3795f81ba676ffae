package org.avca4j.benchmarks.report;

import java.util.Objects;

/**
 * The machine a reproduction ran on.
 *
 * @param os operating system name and version
 * @param arch CPU architecture
 * @param cores processors available to the JVM
 * @param javaVersion Java runtime version and vendor
 */
public record MachineInfo(String os, String arch, int cores, String javaVersion) {

    /**
     * @throws NullPointerException if a string is null
     * @throws IllegalArgumentException if cores is below 1
     */
    public MachineInfo {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(javaVersion, "javaVersion");
        if (cores < 1) {
            throw new IllegalArgumentException("cores " + cores + ", expected at least 1");
        }
    }

    /** The machine this JVM runs on. */
    public static MachineInfo current() {
        return new MachineInfo(
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")
                        + " ("
                        + System.getProperty("java.vendor")
                        + ")");
    }
}
