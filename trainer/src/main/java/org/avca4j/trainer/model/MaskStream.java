package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dropout masks of a hand-written pass, drawn site after site from one random stream, exactly
 * as {@link DropoutMasks} draws a SameDiff pass's masks in graph order. The arrays are kept per
 * site and refilled in place while the batch size stays the same.
 *
 * <p>Drawing is pure Java work, about a tenth of a training step, that does not depend on the
 * pass's arithmetic. So once a pass with a batch size has run, the stream knows its sites, and the
 * next pass with that batch size has them drawn, in the same order from the same stream, by a
 * background thread while the pass computes; {@link #next} then only waits for its site. The first
 * pass of a batch size draws each mask when asked and records the sites. Either way every site gets
 * the same values.
 *
 * <p>A pass runs {@link #begin}, its {@link #next} calls, then {@link #end}; the random stream must
 * not be used by anything else in between. One pass at a time. A pass has two lanes: the positive
 * clips' calls take their masks from the stream itself, the negative clips' from {@link
 * #negative()}. The first pass of a batch size calls both on one thread in its order, and each site
 * remembers its lane. A prefetched pass may call the negative lane on another thread: each lane
 * then takes the sites of its own lane in order, and every site still gets the mask of its place.
 */
final class MaskStream implements MaskSource {

    /** A dropout site: the shape of its mask, its rate, and whether the negative lane takes it. */
    private record Site(long rows, int width, double dropout, boolean negative) {}

    private final DataType dataType;
    private final List<INDArray> arrays = new ArrayList<>();
    private final List<Object> staging = new ArrayList<>();
    private final List<Site> recording = new ArrayList<>();
    private final Object lock = new Object();
    private List<Site> plan = List.of();
    private long planBatch = -1;
    private ExecutorService drawer;
    private Future<?> drawing;
    private SplittableRandom random;
    private long batch;
    private Lane positive = new Lane(false);
    private Lane negative = new Lane(true);
    private int drawn;
    private boolean prefetching;

    MaskStream(DataType dataType) {
        this.dataType = dataType;
    }

    /**
     * Starts a pass of {@code batchRows} clips drawing from {@code random}: in the background if a
     * pass with that batch size has run before.
     */
    void begin(SplittableRandom random, long batchRows) {
        awaitDrawing();
        this.random = random;
        this.batch = batchRows;
        this.positive = new Lane(false);
        this.negative = new Lane(true);
        recording.clear();
        prefetching = batchRows == planBatch && !plan.isEmpty();
        if (prefetching) {
            synchronized (lock) {
                drawn = 0;
            }
            List<Site> sites = plan;
            if (drawer == null) {
                drawer = HelperThreads.single("avca4j-dropout-masks");
            }
            drawing = drawer.submit(() -> drawAll(sites, random));
        }
    }

    /**
     * The positive lane's next site.
     *
     * @throws IllegalStateException if the pass asks for other sites than the pass it was planned
     *     from (the pass's code path must not depend on the data)
     */
    @Override
    public INDArray next(long rows, int width, double dropout) {
        return positive.next(rows, width, dropout);
    }

    /**
     * The negative lane of this pass. In the first pass of a batch size it must be called on the
     * pass's thread, in the pass's order; in a prefetched pass it may be called on one other
     * thread, which must be done before {@link #end}.
     */
    MaskSource negative() {
        return negative;
    }

    /** Whether this pass's masks are drawn in the background, from the plan of a previous pass. */
    boolean prefetching() {
        return prefetching;
    }

    /** One lane of a pass's sites (see {@link MaskStream}). */
    private final class Lane implements MaskSource {
        private final boolean negative;

        /** In a prefetched pass, the plan's index from which this lane looks for its next site. */
        private int index;

        private Lane(boolean negative) {
            this.negative = negative;
        }

        @Override
        public INDArray next(long rows, int width, double dropout) {
            if (dropout == 0) {
                return null;
            }
            Site site = new Site(rows, width, dropout, negative);
            if (!prefetching) {
                int i = recording.size();
                recording.add(site);
                ensureArray(i, site);
                DropoutMasks.draw(random, dropout, staging.get(i), arrays.get(i));
                return arrays.get(i);
            }
            skipOthers();
            return planned(index++, site);
        }

        /** Moves {@link #index} past the other lane's sites. */
        private void skipOthers() {
            while (index < plan.size() && plan.get(index).negative() != negative) {
                index++;
            }
        }

        /** The number of this lane's planned sites it has not taken. */
        private int left() {
            int n = 0;
            for (int i = index; i < plan.size(); i++) {
                if (plan.get(i).negative() == negative) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The mask of site {@code i} of a prefetched pass, once drawn; checked against the plan. */
    private INDArray planned(int i, Site site) {
        if (i >= plan.size() || !plan.get(i).equals(site)) {
            throw new IllegalStateException(
                    "dropout site "
                            + i
                            + " of this pass is "
                            + site
                            + ", but the previous pass of "
                            + batch
                            + " clips had "
                            + (i < plan.size() ? plan.get(i) : "no such site"));
        }
        awaitSite(i);
        return arrays.get(i);
    }

    /**
     * Ends the pass: waits for the background draws, and after a first pass keeps its sites as the
     * plan of its batch size.
     *
     * @throws IllegalStateException if the pass used fewer sites than planned, or the wait for the
     *     drawing thread was interrupted; what made the drawing fail is rethrown
     */
    void end() {
        awaitDrawing();
        if (prefetching) {
            int left = positive.left() + negative.left();
            if (left > 0) {
                throw new IllegalStateException(
                        "the pass left "
                                + left
                                + " of its "
                                + plan.size()
                                + " planned dropout sites unused");
            }
        } else {
            plan = List.copyOf(recording);
            planBatch = batch;
        }
        random = null;
    }

    /** Stops the drawing thread and frees the arrays. */
    void release() {
        if (drawing != null) {
            HelperThreads.awaitQuietly(drawing); // closing anyway
            drawing = null;
        }
        if (drawer != null) {
            drawer.shutdownNow();
            drawer = null;
        }
        NativeArrays.close(arrays);
        arrays.clear();
        staging.clear();
        plan = List.of();
        planBatch = -1;
    }

    // ---- internals ----

    private void drawAll(List<Site> sites, SplittableRandom r) {
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            DropoutMasks.draw(r, s.dropout(), staging.get(i), arrays.get(i));
            synchronized (lock) {
                drawn = i + 1;
                lock.notifyAll();
            }
        }
    }

    private void awaitSite(int i) {
        synchronized (lock) {
            while (drawn <= i) {
                if (drawing.isDone()) {
                    awaitDrawing(); // throws the drawing thread's failure
                    throw new IllegalStateException("dropout site " + i + " was never drawn");
                }
                try {
                    lock.wait(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for a dropout mask", e);
                }
            }
        }
    }

    /** Waits for the background draws, if any; rethrows their failure. */
    private void awaitDrawing() {
        Future<?> f = drawing;
        if (f != null) {
            drawing = null;
            HelperThreads.await(f, "drawing the dropout masks");
        }
    }

    private void ensureArray(int i, Site site) {
        if (i < arrays.size()
                && (arrays.get(i).rows() != site.rows()
                        || arrays.get(i).columns() != site.width())) {
            NativeArrays.close(List.of(arrays.get(i)));
            arrays.set(i, null);
        }
        if (i == arrays.size() || arrays.get(i) == null) {
            INDArray arr;
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                arr = Nd4j.create(dataType, site.rows(), site.width());
            }
            int n = (int) (site.rows() * site.width());
            Object s = dataType == DataType.FLOAT ? new float[n] : new double[n];
            if (i == arrays.size()) {
                arrays.add(arr);
                staging.add(s);
            } else {
                arrays.set(i, arr);
                staging.set(i, s);
            }
        }
    }
}
