package io.artifex.spark.train;

import io.artifex.spark.train.Snapshots.OptState;
import io.artifex.spark.train.Snapshots.ParamSlots;
import io.artifex.spark.train.Snapshots.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Example-weighted averages of the workers' weights and optimizer states, on the driver, in
 * double precision. Package-private.
 */
final class Averaging {

    private Averaging() {
    }

    /**
     * The average of {@code maps} (one per worker, the same paths and shapes in each), worker
     * {@code i} weighted by {@code weights[i]} (the examples it saw): {@code sum w_i x_i / sum w_i}.
     */
    static Map<String, Tensor> weighted(List<Map<String, Tensor>> maps, long[] weights) {
        if (maps.isEmpty() || maps.size() != weights.length) {
            throw new IllegalArgumentException("averaging needs one weight per worker result: " + maps.size()
                    + " results, " + weights.length + " weights");
        }
        double total = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("averaging weight must be >= 0, got " + w);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("no worker saw an example this round; nothing to average");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : maps.get(0).entrySet()) {
            String path = e.getKey();
            int n = e.getValue().values().length;
            double[] sum = new double[n];
            for (int i = 0; i < maps.size(); i++) {
                Tensor t = maps.get(i).get(path);
                if (t == null || !Arrays.equals(t.shape(), e.getValue().shape())) {
                    throw new IllegalArgumentException("worker result " + i + " has no array '" + path
                            + "' of shape " + Arrays.toString(e.getValue().shape()));
                }
                double w = weights[i] / total;
                float[] v = t.values();
                for (int k = 0; k < n; k++) {
                    sum[k] += w * v[k];
                }
            }
            float[] mean = new float[n];
            for (int k = 0; k < n; k++) {
                mean[k] = (float) sum[k];
            }
            out.put(path, new Tensor(e.getValue().shape(), mean));
        }
        for (int i = 1; i < maps.size(); i++) {
            if (!maps.get(i).keySet().equals(maps.get(0).keySet())) {
                throw new IllegalArgumentException("worker results name different arrays: " + maps.get(0).keySet()
                        + " and " + maps.get(i).keySet());
            }
        }
        return out;
    }

    /**
     * The average of the workers' optimizer states, by optimizer key. Each parameter's slots are
     * weighted as in {@link #weighted} among the workers that hold a state for it (a worker whose
     * phases never gave the parameter a gradient has none); its step count is the largest of theirs.
     */
    static Map<String, OptState> weightedStates(List<Map<String, OptState>> states, long[] weights) {
        Map<String, OptState> out = new LinkedHashMap<>();
        for (String key : states.get(0).keySet()) {
            String algorithm = states.get(0).get(key).algorithm();
            Map<String, List<ParamSlots>> byPath = new LinkedHashMap<>();
            Map<String, List<Long>> weightsByPath = new LinkedHashMap<>();
            for (int i = 0; i < states.size(); i++) {
                OptState s = states.get(i).get(key);
                if (s == null || !s.algorithm().equals(algorithm)) {
                    throw new IllegalArgumentException("worker result " + i + " has no '" + algorithm
                            + "' state for optimizer '" + key + "'");
                }
                int worker = i;
                s.parameters().forEach((path, ps) -> {
                    byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(ps);
                    weightsByPath.computeIfAbsent(path, p -> new ArrayList<>()).add(weights[worker]);
                });
            }
            Map<String, ParamSlots> params = new LinkedHashMap<>();
            byPath.forEach((path, list) -> {
                long[] w = weightsByPath.get(path).stream().mapToLong(Long::longValue).toArray();
                long step = list.stream().mapToLong(ParamSlots::step).max().orElse(0);
                params.put(path, new ParamSlots(step, weighted(list.stream().map(ParamSlots::slots).toList(), w)));
            });
            out.put(key, new OptState(algorithm, params));
        }
        return out;
    }
}
