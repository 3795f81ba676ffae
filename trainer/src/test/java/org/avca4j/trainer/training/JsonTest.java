package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.junit.jupiter.api.Test;

/** The run folder's JSON spells the typed values as run folders always have. */
class JsonTest {

    private static final RunSpec SPEC =
            new RunSpec(
                    DatasetName.ACTIVITYNET,
                    FeatureSet.CLS,
                    SplitName.CLS,
                    TextOrder.REFERENCE,
                    5,
                    10,
                    4,
                    14,
                    6,
                    FakeNetwork.smallConfig(),
                    ScriptedProtocol.trainingConfig());

    @Test
    void featureSetAndSplitAreWrittenAsFolderNamesAndReadBack() throws Exception {
        JsonNode tree = Json.MAPPER.valueToTree(SPEC);
        assertEquals("ACTIVITYNET", tree.get("dataset").asText());
        assertEquals("cls_features", tree.get("featureSet").asText());
        assertEquals("cls_split", tree.get("split").asText());
        assertEquals("REFERENCE", tree.get("textOrder").asText());
        assertEquals(SPEC, Json.MAPPER.treeToValue(tree, RunSpec.class));
    }

    @Test
    void anUnknownFeatureSetIsNamed() {
        String json =
                Json.MAPPER.valueToTree(SPEC).toString().replace("cls_features", "xyz_features");
        IOException e =
                assertThrows(IOException.class, () -> Json.MAPPER.readValue(json, RunSpec.class));
        assertTrue(e.getMessage().contains("xyz_features"), e.getMessage());
    }
}
