package org.avca4j.spark;

import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The error output's rows: one per normalised input row that fails {@link RowChecks}. */
final class BadRows implements FlatMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final RowChecks checks;

    BadRows(RowChecks checks) {
        this.checks = checks;
    }

    @Override
    public Iterator<Row> call(Row row) {
        if (checks.check(row) instanceof RowChecks.Bad b) {
            return Collections.singletonList(RowFactory.create(b.id(), b.source(), b.reason()))
                    .iterator();
        }
        return Collections.emptyIterator();
    }
}
