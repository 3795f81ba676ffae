/**
 * Small programs that use the SDK ({@code org.avca4j.sdk}) the way an application would, each a
 * file to copy from: {@link org.avca4j.examples.QuickStart} (load a model, add a class by its text
 * embedding, classify a clip), {@link org.avca4j.examples.BatchClassify} (a folder of HDF5 feature
 * files to a CSV of predictions) and {@link org.avca4j.examples.ClassifyServer} (a JSON HTTP
 * service sharing one classifier across threads). They use only the SDK, Jackson, jhdf and the JDK.
 */
package org.avca4j.examples;
