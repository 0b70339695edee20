package dev.clarity.dashboard.web;

import dev.clarity.dashboard.auth.Viewer;

/** What every page's frame needs: the viewer (for the menu), the CSRF token for its forms, title and a notice. */
public record Chrome(Viewer viewer, String title, String nav, String notice, String error) {
    public String csrf() {
        return viewer == null ? "" : viewer.csrfToken();
    }

    public boolean can(String what) {
        if (viewer == null) {
            return false;
        }
        return switch (what) {
            case "control" -> viewer.role().controlsExecutions();
            case "crm" -> viewer.role().readsCrm();
            case "crm-write" -> viewer.role().writesCrm();
            case "logs" -> viewer.role().readsLogs();
            case "billing" -> viewer.role() != dev.clarity.dashboard.auth.Role.TEAM_MEMBER;
            case "admin" -> viewer.role() == dev.clarity.dashboard.auth.Role.ADMIN;
            default -> false;
        };
    }
}
