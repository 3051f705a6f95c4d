package io.artifex.core.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;

/**
 * Validates config records: the Jakarta Bean Validation constraints on every field (nested
 * records marked {@code @Valid} included) and then the {@link CrossFieldRules} of the record
 * and of every nested record. Each violation is one line {@code path: message}, e.g.
 * {@code decoder.latentDim: must be greater than 0} or
 * {@code generator.hiddenDims[1]: must be greater than 0}. A NaN or infinite value (a
 * {@link Finite} field) is reported once, as {@code path: must be a finite number}, without
 * the ranges it also breaks.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ConfigValidator {

    private static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class)
            .configure()
            .defaultLocale(Locale.ENGLISH)
            .buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    private static final String FINITE_MESSAGE = "must be a finite number";

    private ConfigValidator() {
    }

    /**
     * Returns {@code config} unchanged if it breaks no rule.
     *
     * @throws ConfigValidationException listing every violation, sorted
     * @throws IllegalArgumentException if {@code config} is null
     */
    public static <T> T requireValid(T config) {
        List<String> found = violations(config);
        if (!found.isEmpty()) {
            throw new ConfigValidationException(describe(config), found);
        }
        return config;
    }

    /** Every violation of {@code config} as {@code path: message}, sorted; empty when valid. */
    public static List<String> violations(Object config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        List<String> found = new ArrayList<>();
        Set<String> notFinite = new HashSet<>();
        for (ConstraintViolation<Object> v : VALIDATOR.validate(config)) {
            String path = pathOf(v.getPropertyPath());
            found.add(path + ": " + v.getMessage());
            if (v.getConstraintDescriptor().getAnnotation() instanceof Finite) {
                notFinite.add(path);
            }
        }
        // NaN and the infinities break every range too; the one line that says why is enough.
        found.removeIf(line -> {
            int colon = line.indexOf(": ");
            return notFinite.contains(line.substring(0, colon)) && !line.endsWith(": " + FINITE_MESSAGE);
        });
        checkRules(config, new RuleContext("", found));
        found.sort(null);
        return List.copyOf(found);
    }

    /** A short label of a config for messages: its class and, for a model config, its name. */
    public static String describe(Object config) {
        String label = config.getClass().getSimpleName();
        if (config instanceof ModelConfig model && model.name() != null) {
            // the name is the user's text: one line, and no longer than a valid name may be
            String name = model.name();
            if (name.length() > ConfigLimits.MAX_NAME_LENGTH) {
                name = name.substring(0, ConfigLimits.MAX_NAME_LENGTH) + "...";
            }
            label += " '" + io.artifex.core.io.OneLine.escape(name) + "'";
        }
        return label;
    }

    private static void checkRules(Object value, RuleContext ctx) {
        if (value instanceof CrossFieldRules rules) {
            try {
                rules.check(ctx);
            } catch (RuntimeException e) {
                ctx.reject("", "cross-field rules of " + value.getClass().getSimpleName() + " failed: " + e);
            }
        }
        if (value instanceof Record) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                Object child = read(component, value);
                if (child instanceof Record) {
                    checkRules(child, ctx.nested(component.getName()));
                } else if (child instanceof Collection<?> items) {
                    int i = 0;
                    for (Object item : items) {
                        if (item instanceof Record) {
                            checkRules(item, ctx.nested(component.getName() + "[" + i + "]"));
                        }
                        i++;
                    }
                }
            }
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read record component " + component.getName()
                    + " of " + record.getClass().getName(), e);
        }
    }

    /** Formats a Bean Validation path as {@code a.b[2].c}, without container-element markers. */
    static String pathOf(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                Object key = node.getIndex() != null ? node.getIndex() : node.getKey();
                out.append('[').append(key == null ? "" : key).append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getKind() != ElementKind.BEAN
                    && node.getName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        return out.toString();
    }
}
