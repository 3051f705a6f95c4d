package io.artifex.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named set of parameters that one optimizer updates in one training phase, e.g. the
 * generator's weights in a GAN. Parameters are keyed by {@link Parameter#getId()}, which is
 * unique, unlike their names ("weight" repeats across blocks).
 *
 * <p>Thread-safety: the record and its list are immutable; the {@code Parameter}s it lists belong
 * to a model and follow the model's rules (sampling may share them, training must not overlap other
 * calls).
 *
 * @param name the group's name, e.g. "generator"
 * @param parameters the parameters, in a stable order
 */
public record ParameterGroup(String name, List<Parameter> parameters) {

    /** Copies the list and rejects an empty group. */
    public ParameterGroup {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter group name must not be blank");
        }
        parameters = List.copyOf(parameters);
    }

    /** Every parameter of the given blocks (and their children). */
    public static ParameterGroup of(String name, Block... blocks) {
        Map<String, Parameter> byId = new LinkedHashMap<>();
        for (Block block : blocks) {
            block.getParameters().values().forEach(p -> byId.putIfAbsent(p.getId(), p));
        }
        return new ParameterGroup(name, new ArrayList<>(byId.values()));
    }

    /** Only the parameters an optimizer should update (not batch-norm running statistics). */
    public List<Parameter> trainable() {
        return parameters.stream().filter(ParameterGroup::isLearned).toList();
    }

    /** Whether a parameter is learned by gradient descent, as opposed to a running statistic. */
    public static boolean isLearned(Parameter parameter) {
        Parameter.Type type = parameter.getType();
        return type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR;
    }

    /** Whether the group holds a parameter with this id. */
    public boolean contains(Parameter parameter) {
        return parameters.stream().anyMatch(p -> p.getId().equals(parameter.getId()));
    }
}
