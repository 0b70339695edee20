package dev.clarity.runner.api;

/** What {@code GET /healthz} of a runner reports: its sandbox engine, image and free slots. */
public record RunnerHealth(String status, String engine, String image, int capacity, int free) {}
