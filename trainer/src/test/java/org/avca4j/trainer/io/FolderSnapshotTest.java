package org.avca4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSnapshotTest {

    @TempDir Path dir;

    @Test
    void removesWhatWasAddedAndKeepsWhatWasThere() throws Exception {
        Path ucf = dir.resolve("UCF");
        Path old = ucf.resolve("class-split/all_class.txt");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "old");
        FolderSnapshot before = FolderSnapshot.of(ucf);
        Path added = ucf.resolve("features/main_features/audio/a.h5");
        Files.createDirectories(added.getParent());
        Files.writeString(added, "half");
        Files.writeString(ucf.resolve("class-split/new.txt"), "new");

        assertEquals(5, before.removeAdded()); // new.txt, a.h5, audio/, main_features/, features/
        assertTrue(Files.exists(old));
        assertFalse(Files.exists(ucf.resolve("features")));
        assertFalse(Files.exists(ucf.resolve("class-split/new.txt")));
    }

    @Test
    void aFolderThatDidNotExistIsRemovedWhole() throws Exception {
        Path ucf = dir.resolve("UCF");
        FolderSnapshot before = FolderSnapshot.of(ucf);
        Files.createDirectories(ucf.resolve("class-split"));
        Files.writeString(ucf.resolve("class-split/all_class.txt"), "x");
        assertEquals(3, before.removeAdded());
        assertFalse(Files.exists(ucf));
    }
}
