package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TcafAttentionMaskTest {

    @Test
    void audioSeesClsAndVideoVideoSeesClsAndAudioPaddingIsCutOff() {
        // tokens: 0 cls, 1 a0, 2 a1 (padded), 3 v0, 4 v1, 5 v2 (padded)
        boolean[] m =
                TcafAttentionMask.of(
                        new boolean[] {true, false}, new boolean[] {true, true, false});
        int[][] expected = {
            {1, 1, 0, 1, 1, 0}, // cls: every real token, itself included
            {1, 0, 0, 1, 1, 0}, // real audio: cls and real video, not itself
            {0, 0, 0, 0, 0, 0}, // padded audio: nothing (uniform attention)
            {1, 1, 0, 0, 0, 0}, // real video: cls and real audio
            {1, 1, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0}
        };
        assertEquals(36, m.length);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(expected[i][j] == 1, m[i * 6 + j], "M[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void batchFormReadsTheClipsOwnMaskRows() {
        float[] audioMask = {1, 1, 1, 0};
        float[] videoMask = {1, 0, 1, 1};
        assertArrayEquals(
                TcafAttentionMask.of(new boolean[] {true, false}, new boolean[] {true, true}),
                TcafAttentionMask.of(audioMask, 2, videoMask, 2, 1));
        assertArrayEquals(
                TcafAttentionMask.of(new boolean[] {true, true}, new boolean[] {true, false}),
                TcafAttentionMask.of(audioMask, 2, videoMask, 2, 0));
    }
}
