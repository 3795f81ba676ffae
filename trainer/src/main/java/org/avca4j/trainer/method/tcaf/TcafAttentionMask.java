package org.avca4j.trainer.method.tcaf;

/**
 * TCaF's attention mask over the sequence {@code [cls ; audio ; video]} of one clip
 * (SUCCESSORS-SPEC §1.4 step 5): {@code M_ij = real_i ∧ real_j}, the class token always real, and
 * {@code M_ij = 0} when i and j are both audio or both video (also i = j). Audio tokens see the
 * class token and the real video tokens, video tokens the class token and the real audio tokens,
 * the class token every real token.
 */
public final class TcafAttentionMask {

    private TcafAttentionMask() {}

    /**
     * The mask of one clip, row-major {@code [S][S]} with {@code S = 1 + La + Lv}, 1 = may attend.
     *
     * @param audioReal {@code [La]}, true on real audio rows
     * @param videoReal {@code [Lv]}, true on real video rows
     */
    public static boolean[] of(boolean[] audioReal, boolean[] videoReal) {
        int la = audioReal.length;
        int s = 1 + la + videoReal.length;
        boolean[] real = new boolean[s];
        int[] modality = new int[s];
        real[0] = true;
        for (int k = 0; k < la; k++) {
            real[1 + k] = audioReal[k];
            modality[1 + k] = 1;
        }
        for (int k = 0; k < videoReal.length; k++) {
            real[1 + la + k] = videoReal[k];
            modality[1 + la + k] = 2;
        }
        boolean[] m = new boolean[s * s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                boolean sameModality = modality[i] != 0 && modality[i] == modality[j];
                m[i * s + j] = real[i] && real[j] && !sameModality;
            }
        }
        return m;
    }

    /**
     * The mask of clip {@code b} of a batch's masks (1 = real row).
     *
     * @param audioMask {@code [B*La]}
     * @param videoMask {@code [B*Lv]}
     */
    public static boolean[] of(float[] audioMask, int la, float[] videoMask, int lv, int b) {
        boolean[] a = new boolean[la];
        boolean[] v = new boolean[lv];
        for (int k = 0; k < la; k++) {
            a[k] = audioMask[b * la + k] > 0;
        }
        for (int k = 0; k < lv; k++) {
            v[k] = videoMask[b * lv + k] > 0;
        }
        return of(a, v);
    }
}
