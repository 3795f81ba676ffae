package org.avca4j.sdk.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The printed forms are those of the download, the card format and the reports; parse reads them.
 */
class CardValuesTest {

    @Test
    void printedFormsAreTheDownloadsAndTheCardsNames() {
        assertEquals(
                List.of("UCF", "ActivityNet", "VGGSound"),
                List.of(DatasetName.values()).stream().map(DatasetName::folder).toList());
        assertEquals("main_features", FeatureSet.MAIN.folder());
        assertEquals("cls_features", FeatureSet.CLS.folder());
        assertEquals("main", FeatureSet.MAIN.label());
        assertEquals("cls", FeatureSet.CLS.toString());
        assertEquals("main_split", SplitName.MAIN.folder());
        assertEquals("cls_split", SplitName.CLS.toString());
        assertEquals(SplitName.CLS, FeatureSet.CLS.defaultSplit());
        assertEquals(SplitName.MAIN, FeatureSet.MAIN.defaultSplit());
        assertEquals("own", TextOrder.OWN.label());
        assertEquals("reference", TextOrder.REFERENCE.label());
    }

    @Test
    void parseReadsEveryPrintedFormAndWhatUsersType() {
        for (DatasetName d : DatasetName.values()) {
            assertEquals(d, DatasetName.parse(d.folder()));
            assertEquals(d, DatasetName.parse(d.name().toLowerCase(Locale.ROOT)));
        }
        for (FeatureSet f : FeatureSet.values()) {
            assertEquals(f, FeatureSet.parse(f.folder()));
            assertEquals(f, FeatureSet.parse(" " + f.label().toUpperCase(Locale.ROOT)));
        }
        for (SplitName s : SplitName.values()) {
            assertEquals(s, SplitName.parse(s.folder()));
        }
        assertEquals(SplitName.CLS, SplitName.parse("cls"));
        for (TextOrder t : TextOrder.values()) {
            assertEquals(t, TextOrder.parse(t.label()));
        }
        assertEquals(TextOrder.REFERENCE, TextOrder.parse(" Reference "));
    }

    @Test
    void unknownNamesAreRefusedWithWhatWasExpected() {
        assertRefused(
                () -> DatasetName.parse("kinetics"),
                "Unknown dataset 'kinetics': expected one of UCF, ActivityNet, VGGSound");
        assertRefused(
                () -> FeatureSet.parse("selavi"),
                "Unknown feature set 'selavi': expected main, cls, main_features or cls_features");
        assertRefused(
                () -> SplitName.parse("zsl_split"),
                "Unknown class split 'zsl_split': expected main_split or cls_split");
        assertRefused(
                () -> TextOrder.parse("random"),
                "Unknown text order 'random': expected own or reference");
    }

    private static void assertRefused(Runnable parse, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse::run);
        assertTrue(e.getMessage().equals(message), e.getMessage());
    }

    @Test
    void precisionReadsItsLabelIgnoringCase() {
        assertEquals("int8", Precision.INT8.label());
        assertEquals(Precision.INT8, Precision.parse(" INT8 "));
        assertEquals(Precision.FP32, Precision.parse("fp32"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Precision.parse("bf16"));
        assertTrue(e.getMessage().contains("bf16") && e.getMessage().contains("fp32 or int8"));
    }
}
