package dev.clarity.runner.api;

import java.util.List;

/**
 * One programmable acceptance criterion (spec tasks-list §1): {@code kind} ∈ perf|test|sec|doc|type|ops,
 * {@code check} ∈ cmd|regex|file|http, {@code args} already split into words, {@code target} like
 * {@code p95<200ms} or {@code >=80%} (may be null), {@code text} the prose it proves (may be null).
 */
public record CriterionSpec(String key, String kind, String check, String target, List<String> args, String text) {
    public CriterionSpec {
        args = List.copyOf(args);
    }
}
