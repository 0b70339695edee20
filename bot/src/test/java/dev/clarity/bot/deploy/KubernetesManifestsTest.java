package dev.clarity.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/kubernetes} rendered by {@code kubectl kustomize} (offline) and read back: what the issue asks of a
 * Kubernetes deployment is in the rendered objects, not only in the files.
 */
class KubernetesManifestsTest {
    private List<JsonNode> objects;

    @BeforeEach
    void render() throws IOException {
        var kubectl = DeployFiles.tool("kubectl", "kubernetes-client");
        DeployFiles.Result r = DeployFiles.run(
                DeployFiles.root(), Map.of(), List.of(kubectl.toString(), "kustomize", "deploy/kubernetes"));
        assertThat(r.exit()).as(r.output()).isZero();
        String yaml =
                r.output().lines().filter(l -> !l.startsWith("# Warning:")).reduce("", (a, b) -> a + b + "\n");
        objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            new ObjectMapper().readValues(parser, JsonNode.class).forEachRemaining(objects::add);
        }
    }

    @Test
    void serve_is_a_deployment_of_two_replicas_behind_a_service_with_a_disruption_budget() {
        JsonNode serve = object("Deployment", "clarity-serve");
        assertThat(serve.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(object("Service", "clarity-serve").at("/spec/selector"))
                .isEqualTo(serve.at("/spec/selector/matchLabels"));
        assertThat(object("PodDisruptionBudget", "clarity-serve").at("/spec/selector/matchLabels"))
                .isEqualTo(serve.at("/spec/selector/matchLabels"));
        JsonNode container = serve.at("/spec/template/spec/containers/0");
        assertThat(env(container, "CLARITY_DATABASE_URL")
                        .at("/valueFrom/secretKeyRef/key")
                        .asText())
                .isEqualTo("database-url");
    }

    @Test
    void serve_lists_one_url_per_runner_replica_by_its_stable_name() {
        JsonNode runner = object("StatefulSet", "clarity-runner");
        String urls = env(
                        object("Deployment", "clarity-serve").at("/spec/template/spec/containers/0"),
                        "CLARITY_RUNNER_URLS")
                .path("value")
                .asText();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < runner.at("/spec/replicas").asInt(); i++) {
            expected.add("http://clarity-runner-" + i + ".clarity-runner:9001");
        }
        assertThat(urls.split(",")).containsExactlyElementsOf(expected);
        assertThat(object("Service", "clarity-runner").at("/spec/clusterIP").asText())
                .isEqualTo("None");
    }

    @Test
    void runners_keep_their_workspaces_on_a_volume_claim_and_have_a_disruption_budget() {
        JsonNode runner = object("StatefulSet", "clarity-runner");
        assertThat(runner.at("/spec/volumeClaimTemplates/0/metadata/name").asText())
                .isEqualTo("workspaces");
        assertThat(runner.at("/spec/template/spec/containers/0/volumeMounts/0/mountPath")
                        .asText())
                .isEqualTo("/var/lib/clarity");
        assertThat(object("PodDisruptionBudget", "clarity-runner").at("/spec/selector/matchLabels"))
                .isEqualTo(runner.at("/spec/selector/matchLabels"));
    }

    @Test
    void every_container_runs_as_a_user_who_is_not_root_with_requests_and_probes_on_healthz() {
        for (JsonNode workload :
                List.of(object("Deployment", "clarity-serve"), object("StatefulSet", "clarity-runner"))) {
            JsonNode pod = workload.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
            for (JsonNode c : pod.path("containers")) {
                assertThat(c.at("/resources/requests/cpu").isMissingNode()).isFalse();
                assertThat(c.at("/resources/requests/memory").isMissingNode()).isFalse();
                assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/healthz");
                assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
                assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                        .isFalse();
                assertThat(c.at("/securityContext/privileged").asBoolean(false)).isFalse();
            }
        }
    }

    @Test
    void the_secret_holds_only_example_values_for_the_app_key_webhook_secret_database_and_runner_token() {
        JsonNode data = object("Secret", "clarity").path("stringData");
        assertThat(data.fieldNames())
                .toIterable()
                .contains("database-url", "runner-token", "github-private-key", "github-webhook-secret");
        data.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("github-app-id")) {
                assertThat(e.getValue().asText()).as(e.getKey()).contains("CHANGE-ME");
            }
        });
    }

    @Test
    void runners_may_reach_only_serve_dns_https_and_model_servers_and_be_reached_only_by_serve() {
        JsonNode policy = object("NetworkPolicy", "clarity-runner");
        assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactly("Ingress", "Egress");
        assertThat(policy.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name")
                        .asText())
                .isEqualTo("clarity-serve");
        List<Integer> ports = StreamSupport.stream(policy.at("/spec/egress").spliterator(), false)
                .flatMap(rule -> StreamSupport.stream(rule.path("ports").spliterator(), false))
                .map(p -> p.path("port").asInt())
                .distinct()
                .sorted()
                .toList();
        assertThat(ports).containsExactly(53, 80, 443, 8080, 11434);
        JsonNode internet = StreamSupport.stream(policy.at("/spec/egress").spliterator(), false)
                .filter(rule -> rule.at("/to/0/ipBlock").isObject())
                .findFirst()
                .orElseThrow();
        assertThat(internet.at("/ports")).hasSize(1);
        assertThat(internet.at("/ports/0/port").asInt()).isEqualTo(443);
        assertThat(internet.at("/to/0/ipBlock/except"))
                .extracting(JsonNode::asText)
                .contains("10.0.0.0/8");
    }

    private JsonNode object(String kind, String name) {
        Optional<JsonNode> found = objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .filter(o -> o.at("/metadata/name").asText().equals(name))
                .findFirst();
        assertThat(found).as("a rendered %s named %s", kind, name).isPresent();
        assertThat(found.get().at("/metadata/namespace").asText(kind.equals("Namespace") ? "" : "clarity"))
                .isIn("clarity", "");
        return found.get();
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no " + name);
    }
}
