package dev.clarity.bot.webhook;

import java.util.Optional;
import java.util.Set;

/**
 * The two headers of a delivery that Clarity stores, {@code X-GitHub-Delivery} and {@code X-GitHub-Event}, checked
 * before anything is stored or logged: headers are not covered by the signature, so anyone who can replay a signed
 * body can put anything in them.
 *
 * <p>A delivery id is a GUID as GitHub sends it ({@code 72d3162e-cc78-11e3-81ab-4c9367dc0958}: 32 hexadecimal digits
 * in groups of 8-4-4-4-12, either case), so never more than 64 characters. An event name is one of GitHub's webhook
 * events ({@link #EVENTS}), which are printable ASCII. No other header value is stored.
 */
final class DeliveryHeaders {
    static final int MAX_ID_LENGTH = 64;

    /** GitHub's webhook event names (docs, "Webhook events and payloads"), current and retired. */
    static final Set<String> EVENTS = Set.of(
            "branch_protection_configuration",
            "branch_protection_rule",
            "check_run",
            "check_suite",
            "code_scanning_alert",
            "commit_comment",
            "content_reference",
            "create",
            "custom_property",
            "custom_property_values",
            "delete",
            "dependabot_alert",
            "deploy_key",
            "deployment",
            "deployment_protection_rule",
            "deployment_review",
            "deployment_status",
            "discussion",
            "discussion_comment",
            "exemption_request_push_ruleset",
            "exemption_request_secret_scanning",
            "fork",
            "github_app_authorization",
            "gollum",
            "installation",
            "installation_repositories",
            "installation_target",
            "integration_installation",
            "integration_installation_repositories",
            "issue_comment",
            "issue_dependencies",
            "issues",
            "label",
            "marketplace_purchase",
            "member",
            "membership",
            "merge_group",
            "meta",
            "milestone",
            "org_block",
            "organization",
            "package",
            "page_build",
            "personal_access_token_request",
            "ping",
            "project",
            "project_card",
            "project_column",
            "projects_v2",
            "projects_v2_item",
            "projects_v2_status_update",
            "public",
            "pull_request",
            "pull_request_review",
            "pull_request_review_comment",
            "pull_request_review_thread",
            "push",
            "registry_package",
            "release",
            "repository",
            "repository_advisory",
            "repository_dispatch",
            "repository_import",
            "repository_ruleset",
            "repository_vulnerability_alert",
            "secret_scanning_alert",
            "secret_scanning_alert_location",
            "secret_scanning_scan",
            "security_advisory",
            "security_and_analysis",
            "sponsorship",
            "star",
            "status",
            "sub_issues",
            "team",
            "team_add",
            "watch",
            "workflow_dispatch",
            "workflow_job",
            "workflow_run");

    private DeliveryHeaders() {}

    /** A sentence naming what is wrong with the two headers, or empty when both may be stored. */
    static Optional<String> problem(String deliveryId, String event) {
        if (deliveryId == null || deliveryId.isEmpty()) {
            return Optional.of("X-GitHub-Delivery is required");
        }
        if (!isDeliveryId(deliveryId)) {
            return Optional.of("X-GitHub-Delivery must be a GUID such as 72d3162e-cc78-11e3-81ab-4c9367dc0958, got "
                    + describe(deliveryId));
        }
        if (event == null || event.isEmpty()) {
            return Optional.of("X-GitHub-Event is required");
        }
        if (!EVENTS.contains(event)) {
            return Optional.of("X-GitHub-Event must name a GitHub webhook event such as issue_comment or push, got "
                    + describe(event));
        }
        return Optional.empty();
    }

    /** True for a GUID of the shape GitHub sends; safe to store and to put in a log line. */
    static boolean isDeliveryId(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The value quoted when it is short printable ASCII, otherwise only its length (nothing odd is echoed back). */
    private static String describe(String value) {
        boolean printable = value.length() <= MAX_ID_LENGTH
                && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
        return printable ? "\"" + value + "\"" : "a value of " + value.length() + " characters";
    }
}
