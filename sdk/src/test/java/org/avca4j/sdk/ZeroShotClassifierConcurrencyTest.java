package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One classifier shared by 16 threads gives exactly the serial results. */
class ZeroShotClassifierConcurrencyTest {

    private static final int THREADS = 16;
    private static final int CLIPS = 64;

    private static float[][] gaussian(int rows, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] out = new float[rows][width];
        for (float[] row : out) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) (r.nextDouble() * 4 - 2);
            }
        }
        return out;
    }

    private static ZeroShotClassifier open() throws Exception {
        return ZeroShotClassifier.builder()
                .setModel(TinyModels.model(TinyModels.abcCard()))
                .optIntraOpThreads(1)
                .build();
    }

    /** Runs {@code task(thread)} on 16 threads started together; returns their results. */
    private static <T> List<T> onSixteenThreads(Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return task.run(thread);
                                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    interface Task<T> {
        T run(int thread) throws Exception;
    }

    @Test
    void sixteenThreadsGiveTheSerialResults() throws Exception {
        float[][] audio = gaussian(CLIPS, TinyModels.AUDIO_DIM, 1);
        float[][] video = gaussian(CLIPS, TinyModels.VIDEO_DIM, 2);
        try (ZeroShotClassifier c = open()) {
            List<Prediction> serial = new ArrayList<>();
            for (int i = 0; i < CLIPS; i++) {
                serial.add(c.classify(audio[i], video[i]));
            }
            assertEquals(serial, c.classifyBatch(audio, video), "batch and single-clip runs agree");
            List<List<Prediction>> results =
                    onSixteenThreads(
                            thread -> {
                                Prediction[] out = new Prediction[CLIPS];
                                for (int k = 0; k < CLIPS; k++) {
                                    // Threads walk the clips in different orders.
                                    int i = (k + thread * 5) % CLIPS;
                                    out[i] = c.classify(audio[i], video[i]);
                                }
                                return List.of(out);
                            });
            for (List<Prediction> r : results) {
                assertEquals(serial, r);
            }
        }
    }

    @Test
    void perRequestSetsAreIsolatedWhileTheVocabularyChanges() throws Exception {
        float[][] audio = gaussian(CLIPS, TinyModels.AUDIO_DIM, 3);
        float[][] video = gaussian(CLIPS, TinyModels.VIDEO_DIM, 4);
        try (ZeroShotClassifier c = open()) {
            // Each thread's own set: one of {a,b}, {b,c}, {a,c}, {a,b,c} plus a new class.
            List<CandidateSet> sets = new ArrayList<>();
            List<List<Prediction>> serial = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<String> pick =
                        List.of(List.of("a", "b"), List.of("b", "c"), List.of("a", "c")).get(t % 3);
                CandidateSet set =
                        t % 4 == 3
                                ? c.candidateSetBuilder()
                                        .addClasses(pick)
                                        .addClass("t" + t, new float[] {t % 2, 1, t % 3, 0})
                                        .build()
                                : c.candidateSet(pick);
                sets.add(set);
                serial.add(c.classifyBatch(audio, video, set));
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer =
                    new Thread(
                            () -> {
                                // Mutates the classifier-wide default all the time.
                                for (int i = 0; !stop.get(); i++) {
                                    c.addClass("w" + i, new float[] {1, i % 5, 1, 1});
                                    c.setCandidates(List.of("a", "w" + i));
                                    c.removeClass("w" + i);
                                    c.useAllCandidates();
                                }
                            });
            writer.start();
            try {
                List<List<Prediction>> results =
                        onSixteenThreads(
                                thread -> {
                                    List<Prediction> out = new ArrayList<>();
                                    for (int i = 0; i < CLIPS; i++) {
                                        out.add(c.classify(audio[i], video[i], sets.get(thread)));
                                    }
                                    return out;
                                });
                for (int t = 0; t < THREADS; t++) {
                    assertEquals(serial.get(t), results.get(t), "thread " + t);
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertEquals(List.of("a", "b", "c"), c.classNames());
        }
    }

    @Test
    void closeWaitsForRunsInProgressAndLaterCallsFailCleanly() throws Exception {
        float[][] audio = gaussian(CLIPS, TinyModels.AUDIO_DIM, 5);
        float[][] video = gaussian(CLIPS, TinyModels.VIDEO_DIM, 6);
        ZeroShotClassifier c = open();
        List<Prediction> expected = c.classifyBatch(audio, video);
        CountDownLatch running = new CountDownLatch(THREADS);
        Thread closer =
                new Thread(
                        () -> {
                            try {
                                running.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            c.close();
                        });
        closer.start();
        List<Integer> outcomes =
                onSixteenThreads(
                        thread -> {
                            running.countDown();
                            int done = 0;
                            try {
                                for (int k = 0; k < 1000; k++) {
                                    int i = (k + thread) % CLIPS;
                                    // A call either returns the right answer or says "closed".
                                    assertEquals(expected.get(i), c.classify(audio[i], video[i]));
                                    done++;
                                }
                            } catch (IllegalStateException e) {
                                assertTrue(e.getMessage().contains("closed"), e.getMessage());
                            }
                            return done;
                        });
        closer.join();
        assertEquals(THREADS, outcomes.size());
    }
}
