package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

/** Where the feature file of one class in one stage folder comes from: disk or memory. */
interface FeatureSource {

    /**
     * The features of a class in a stage folder.
     *
     * @param listedName the class name as the split file writes it
     * @throws IOException if the file is missing or malformed
     */
    FeatureFile load(Modality modality, SplitStage stage, int classId, String listedName)
            throws IOException;

    /** The file these features come from, for messages. */
    Path location(Modality modality, SplitStage stage, String listedName);
}
