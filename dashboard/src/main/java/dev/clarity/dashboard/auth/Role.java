package dev.clarity.dashboard.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a person may do on the dashboard; stored in {@code people.role} as the lower-case name. */
public enum Role {
    /** Everything, including people with the admin role. */
    ADMIN("admin"),
    /** CRM, proposals, time and billing of the customers they manage ({@link CustomerAccess}); controls. */
    MANAGER("manager"),
    /** The projects they are a member of ({@link CustomerAccess}): their executions and controls, read-only CRM. */
    TEAM_MEMBER("team_member"),
    /** Only their own customer's projects and executions: status, progress, PR links; no logs, no controls. */
    CLIENT("client");

    private final String dbName;

    Role(String dbName) {
        this.dbName = dbName;
    }

    public String dbName() {
        return dbName;
    }

    public static Optional<Role> parse(String name) {
        return Arrays.stream(values())
                .filter(r -> r.dbName.equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst();
    }

    public boolean controlsExecutions() {
        return this != CLIENT;
    }

    public boolean readsCrm() {
        return this != CLIENT;
    }

    public boolean writesCrm() {
        return this == ADMIN || this == MANAGER;
    }

    public boolean readsLogs() {
        return this != CLIENT;
    }
}
