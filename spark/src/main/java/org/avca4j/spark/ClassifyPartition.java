package org.avca4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.RankedClass;
import org.avca4j.sdk.ZeroShotClassifier;

/**
 * Classifies one partition of normalised rows in batches, with this JVM's shared classifier; rows
 * that fail {@link RowChecks} are skipped here (the error output reports them) or, when asked, fail
 * the task. Lazy: holds one batch at a time, never the whole partition.
 */
final class ClassifyPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> model;
    private final ExecutorClassifiers.Key key;
    private final RowChecks checks;
    private final int batchSize;
    private final boolean failOnBadRows;

    ClassifyPartition(
            Broadcast<byte[]> model,
            ExecutorClassifiers.Key key,
            RowChecks checks,
            int batchSize,
            boolean failOnBadRows) {
        this.model = model;
        this.key = key;
        this.checks = checks;
        this.batchSize = batchSize;
        this.failOnBadRows = failOnBadRows;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ZeroShotClassifier classifier = ExecutorClassifiers.get(key, model::value);
        return new Iterator<>() {
            private Iterator<Row> batch = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && rows.hasNext()) {
                    batch = nextBatch(classifier, rows);
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private Iterator<Row> nextBatch(ZeroShotClassifier classifier, Iterator<Row> rows) {
        List<RowChecks.Clip> clips = new ArrayList<>(batchSize);
        while (clips.size() < batchSize && rows.hasNext()) {
            RowChecks.Outcome o = checks.check(rows.next());
            if (o instanceof RowChecks.Clip c) {
                clips.add(c);
            } else if (failOnBadRows && o instanceof RowChecks.Bad b) {
                throw new BadRowException(b.id(), b.source(), b.reason());
            }
        }
        if (clips.isEmpty()) {
            return List.<Row>of().iterator();
        }
        float[][] audio = new float[clips.size()][];
        float[][] video = new float[clips.size()][];
        for (int i = 0; i < clips.size(); i++) {
            audio[i] = clips.get(i).audio();
            video[i] = clips.get(i).video();
        }
        List<Prediction> predictions = SdkBridge.classify(classifier, audio, video);
        List<Row> out = new ArrayList<>(clips.size());
        for (int i = 0; i < clips.size(); i++) {
            out.add(toRow(clips.get(i).id(), predictions.get(i)));
        }
        return out.iterator();
    }

    private static Row toRow(String id, Prediction p) {
        Row[] top = new Row[p.topK().size()];
        for (int k = 0; k < top.length; k++) {
            RankedClass r = p.topK().get(k);
            top[k] =
                    RowFactory.create(
                            r.label(), r.role().name(), r.distance(), r.calibratedDistance());
        }
        return RowFactory.create(
                id, p.label(), p.role().name(), p.distance(), p.calibratedDistance(), top);
    }
}
