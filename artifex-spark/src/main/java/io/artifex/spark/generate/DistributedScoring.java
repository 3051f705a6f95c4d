package io.artifex.spark.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.random.Rng;
import io.artifex.spark.ModelCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the rows of a DataFrame with a likelihood model's exact log-probability, in nats, as a
 * new double column; the rows keep their order and partitioning. Each task takes the model from
 * its JVM's {@link ModelCache} and scores its rows in batches of {@code batchSize}.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class DistributedScoring {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedScoring.class);

    private DistributedScoring() {
    }

    /**
     * {@code rows} with the column {@code options.outputColumn()} added: the log-probability of
     * each row's example under the model of {@code options.archive()}.
     *
     * @throws IllegalArgumentException when the model has no exact likelihood, a column is
     *                                  missing or of the wrong type, or the output column exists
     */
    public static Dataset<Row> logProb(Dataset<Row> rows, ScoringOptions options) {
        GenerativeModel model = ModelCache.get(options.archive());
        if (!(model instanceof LikelihoodModel likelihood) || !likelihood.isExact()) {
            throw new IllegalArgumentException("scoring needs a model with an exact log-likelihood (a flow or an "
                    + "autoregressive model); '" + model.config().name() + "' (" + model.getClass().getSimpleName() + ") "
                    + (model instanceof LikelihoodModel ? "gives only a lower bound" : "has no likelihood"));
        }
        StructType schema = rows.schema();
        int input = column(schema, options.inputColumn(), "inputColumn");
        DataType type = schema.fields()[input].dataType();
        if (!(type instanceof ArrayType array) || !(array.elementType() == DataTypes.FloatType
                || array.elementType() == DataTypes.DoubleType)) {
            throw new IllegalArgumentException("scoring inputColumn '" + options.inputColumn()
                    + "' must be array<float> or array<double>, got " + type.simpleString());
        }
        int label = -1;
        if (options.hasLabels()) {
            label = column(schema, options.labelColumn(), "labelColumn");
            DataType labelType = schema.fields()[label].dataType();
            if (labelType != DataTypes.IntegerType && labelType != DataTypes.LongType) {
                throw new IllegalArgumentException("scoring labelColumn '" + options.labelColumn()
                        + "' must be int or long, got " + labelType.simpleString());
            }
        }
        if (Arrays.asList(schema.fieldNames()).contains(options.outputColumn())) {
            throw new IllegalArgumentException("scoring outputColumn '" + options.outputColumn()
                    + "' already exists; choose another name");
        }
        LOG.info("scoring column '{}' with the exact log-likelihood of '{}'", options.inputColumn(),
                model.config().name());
        int inputIndex = input;
        int labelIndex = label;
        JavaRDD<Row> scored = rows.javaRDD().mapPartitionsWithIndex(
                (partition, it) -> new Scorer(options, partition, inputIndex, labelIndex, it), true);
        StructType out = schema.add(DataTypes.createStructField(options.outputColumn(), DataTypes.DoubleType, false));
        return rows.sparkSession().createDataFrame(scored, out);
    }

    private static int column(StructType schema, String name, String field) {
        List<String> names = Arrays.asList(schema.fieldNames());
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("scoring " + field + " '" + name + "' is not a column; the columns are "
                    + names);
        }
        return index;
    }

    /** Scores one partition's rows a batch at a time. */
    private static final class Scorer implements Iterator<Row> {
        private final LikelihoodModel model;
        private final Rng rng;
        private final ScoringOptions options;
        private final int input;
        private final int label;
        private final Iterator<Row> rows;
        private final Shape exampleShape;
        private final int perExample;
        private List<Row> batch = List.of();
        private double[] scores;
        private int next;

        Scorer(ScoringOptions options, int partition, int input, int label, Iterator<Row> rows) {
            this.model = (LikelihoodModel) ModelCache.get(options.archive());
            this.rng = new Rng(PartitionPlan.seed(options.seed(), partition));
            this.options = options;
            this.input = input;
            this.label = label;
            this.rows = rows;
            this.exampleShape = model.exampleShape();
            this.perExample = (int) exampleShape.size();
        }

        @Override
        public boolean hasNext() {
            return next < batch.size() || rows.hasNext();
        }

        @Override
        public Row next() {
            if (next >= batch.size()) {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException("no more rows in this partition");
                }
                fill();
            }
            Row row = batch.get(next);
            Object[] values = new Object[row.length() + 1];
            for (int k = 0; k < row.length(); k++) {
                values[k] = row.get(k);
            }
            values[row.length()] = scores[next++];
            return RowFactory.create(values);
        }

        private void fill() {
            List<Row> taken = new ArrayList<>(options.batchSize());
            while (taken.size() < options.batchSize() && rows.hasNext()) {
                taken.add(rows.next());
            }
            float[] x = new float[taken.size() * perExample];
            long[] labels = label >= 0 ? new long[taken.size()] : null;
            for (int i = 0; i < taken.size(); i++) {
                Row row = taken.get(i);
                if (row.isNullAt(input)) {
                    throw new IllegalArgumentException("scoring inputColumn '" + options.inputColumn() + "' is null in a row");
                }
                List<Object> example = row.getList(input);
                if (example.size() != perExample) {
                    throw new IllegalArgumentException("scoring inputColumn '" + options.inputColumn() + "' has "
                            + example.size() + " values in a row; the model's examples have " + exampleShape + " = "
                            + perExample);
                }
                for (int k = 0; k < perExample; k++) {
                    x[i * perExample + k] = ((Number) example.get(k)).floatValue();
                }
                if (labels != null) {
                    if (row.isNullAt(label)) {
                        throw new IllegalArgumentException("scoring labelColumn '" + options.labelColumn()
                                + "' is null in a row");
                    }
                    labels[i] = ((Number) row.get(label)).longValue();
                }
            }
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray inputs = scope.create(x, new Shape(taken.size()).addAll(exampleShape));
                Batch b = labels == null ? Batch.of(inputs) : Batch.of(inputs, scope.create(labels));
                NDArray lp = model.logProb(b, scope, rng);
                scores = lp.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
            }
            batch = taken;
            next = 0;
        }
    }
}
