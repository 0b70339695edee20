package dev.clarity.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;

/** One non-GET request the fake received, in arrival order, with the status it answered. */
public record GitHubWrite(String method, String path, JsonNode body, int status) {
    /** "POST /repos/o/r/pulls 201", for readable assertions. */
    public String line() {
        return method + " " + path + " " + status;
    }
}
