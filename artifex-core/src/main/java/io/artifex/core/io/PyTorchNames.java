package io.artifex.core.io;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch-style names ({@code state_dict} keys) for a DJL network's parameters, found by walking
 * the block tree:
 * <ul>
 *   <li>a child block's name loses the number DJL puts in front of it ({@code "01encoder"} becomes
 *       {@code encoder}); a child that DJL named after its class because it was added without a
 *       name ({@code SequentialBlock.add}: {@code "02Linear"}) becomes its position from 0
 *       ({@code 1}), as in {@code nn.Sequential};</li>
 *   <li>levels are joined with dots: {@code encoder.trunk.0.weight};</li>
 *   <li>parameter names follow PyTorch where DJL differs: {@code gamma} becomes {@code weight},
 *       {@code beta} becomes {@code bias}, {@code runningMean} becomes {@code running_mean},
 *       {@code runningVar} becomes {@code running_var}; others are kept
 *       ({@code weight}, {@code bias}).</li>
 * </ul>
 * Two parameters that would get the same name are refused, naming both.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class PyTorchNames {

    private PyTorchNames() {
    }

    /** The network's parameters by PyTorch-style name, in DJL's order ({@code Block.getParameters()}). */
    public static Map<String, Parameter> of(Block network) {
        if (network == null) {
            throw new IllegalArgumentException("network must not be null");
        }
        Map<String, Parameter> out = new LinkedHashMap<>();
        Map<String, String> djlPathOf = new LinkedHashMap<>();
        walk(network, "", "", out, djlPathOf);
        return Collections.unmodifiableMap(out);
    }

    private static void walk(Block block, String prefix, String djlPrefix, Map<String, Parameter> out,
                             Map<String, String> djlPathOf) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            String name = prefix + parameterName(p.getKey());
            String djl = djlPrefix + p.getKey();
            String clash = djlPathOf.putIfAbsent(name, djl);
            if (clash != null) {
                throw new IllegalArgumentException("parameters '" + clash + "' and '" + djl
                        + "' would both be named '" + name + "' in PyTorch style");
            }
            out.put(name, p.getValue());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            walk(child.getValue(), prefix + childName(child.getKey(), child.getValue()) + ".",
                    djlPrefix + child.getKey() + "_", out, djlPathOf);
        }
    }

    /** {@code "01encoder"} to {@code encoder}; {@code "02Linear"} for a {@code Linear} child to {@code 1}. */
    static String childName(String key, Block child) {
        int digits = 0;
        while (digits < key.length() && Character.isDigit(key.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            return key;
        }
        String rest = key.substring(digits);
        if (rest.isEmpty() || rest.equals(child.getClass().getSimpleName())) {
            return Integer.toString(Integer.parseInt(key.substring(0, digits)) - 1);
        }
        return rest;
    }

    /** DJL's parameter names that PyTorch spells differently. */
    static String parameterName(String djl) {
        return switch (djl) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djl;
        };
    }
}
