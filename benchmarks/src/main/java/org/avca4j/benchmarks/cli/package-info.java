/**
 * The subcommands of the {@code avca4j} command line; each class is one command and calls the
 * trainer's or the SDK's Java API.
 */
package org.avca4j.benchmarks.cli;
