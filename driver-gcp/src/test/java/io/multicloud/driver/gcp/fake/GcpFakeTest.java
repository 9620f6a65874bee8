package io.multicloud.driver.gcp.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's own tests: its answers follow Google's discovery documents in
 * ../shared/cloud-specs/gcp/ (the check itself finds unknown fields, wrong types and missing
 * fields), and it keeps state the way GCE does (operations, statuses, refusals, pages).
 */
class GcpFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P = "/compute/v1/projects/" + GcpFake.PROJECT;
    private final HttpClient http = HttpClient.newHttpClient();
    private GcpFake fake;

    @BeforeEach
    void start() {
        fake = GcpFake.startByRequests();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.url() + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " → " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    @Test
    void theCheckFindsUnknownFieldsWrongTypesBadEnumsAndMissingFields() {
        Discovery compute = Discovery.load("compute.v1.json");
        ObjectNode instance = JSON.createObjectNode().put("kind", "compute#instance").put("name", "vm").put("id", "1")
                .put("selfLink", "x").put("creationTimestamp", "t").put("status", "RUNNING");
        assertThat(compute.checkResponse("Instance", instance)).isEmpty();
        assertThat(compute.checkResponse("Instance", instance.deepCopy().put("colour", "red"))).singleElement().asString().contains("colour");
        assertThat(compute.checkResponse("Instance", instance.deepCopy().put("id", 1))).singleElement().asString().contains("string");
        assertThat(compute.checkResponse("Instance", instance.deepCopy().put("status", "SLEEPING"))).singleElement().asString().contains("enum");
        ObjectNode noKind = instance.deepCopy();
        noKind.remove("kind");
        assertThat(compute.checkResponse("Instance", noKind)).singleElement().asString().contains("kind");
        ObjectNode badNested = instance.deepCopy();
        badNested.putArray("networkInterfaces").addObject().put("networkIP", 10);
        assertThat(compute.checkResponse("Instance", badNested)).singleElement().asString().contains("networkInterfaces[0].networkIP");
        assertThat(compute.checkRequest("Firewall", JSON.createObjectNode().put("nmae", "x"), "compute.firewalls.insert")).isNotEmpty();
    }

    @Test
    void operationsGoPendingRunningDoneAndARepeatedRequestIdDoesNothingTwice() throws Exception {
        String rid = UUID.randomUUID().toString();
        JsonNode op = call("POST", P + "/global/networks?requestId=" + rid, "{\"name\":\"n1\",\"autoCreateSubnetworks\":false}", 200);
        assertThat(op.path("status").asText()).isEqualTo("PENDING");
        assertThat(op.path("targetLink").asText()).endsWith("/global/networks/n1");
        JsonNode again = call("POST", P + "/global/networks?requestId=" + rid, "{\"name\":\"n1\",\"autoCreateSubnetworks\":false}", 200);
        assertThat(again.path("name").asText()).isEqualTo(op.path("name").asText());
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(call("GET", P + "/global/operations/" + op.path("name").asText(), null, 200).path("status").asText());
        }
        assertThat(seen).containsSubsequence("RUNNING", "DONE");
        call("POST", P + "/global/networks?requestId=" + UUID.randomUUID(), "{\"name\":\"n1\",\"autoCreateSubnetworks\":false}", 409);
        call("POST", P + "/global/networks?requestId=not-a-uuid", "{\"name\":\"n2\"}", 400);
        assertThat(fake.server().violations()).isEmpty();
    }

    @Test
    void aNetworkWithSubnetworksOrFirewallsAndASubnetworkInUseCannotBeDeleted() throws Exception {
        call("POST", P + "/global/networks", "{\"name\":\"net\",\"autoCreateSubnetworks\":false}", 200);
        call("POST", P + "/regions/us-central1/subnetworks", "{\"name\":\"sub\",\"network\":\"projects/fake-project/global/networks/net\",\"ipCidrRange\":\"10.1.0.0/24\"}", 200);
        call("POST", P + "/regions/us-central1/subnetworks", "{\"name\":\"sub2\",\"network\":\"projects/fake-project/global/networks/net\",\"ipCidrRange\":\"10.1.0.128/25\"}", 400);
        JsonNode refused = call("DELETE", P + "/global/networks/net", null, 400);
        assertThat(refused.path("error").path("errors").get(0).path("reason").asText()).isEqualTo("resourceInUseByAnotherResource");
        call("POST", P + "/zones/us-central1-a/instances", "{\"name\":\"vm\",\"machineType\":\"zones/us-central1-a/machineTypes/e2-micro\","
                + "\"disks\":[{\"boot\":true,\"initializeParams\":{\"sourceImage\":\"projects/debian-cloud/global/images/family/debian-12\"}}],"
                + "\"networkInterfaces\":[{\"subnetwork\":\"projects/fake-project/regions/us-central1/subnetworks/sub\"}]}", 200);
        assertThat(call("GET", P + "/zones/us-central1-a/instances/vm", null, 200).path("status").asText()).isIn("PROVISIONING", "STAGING");
        call("DELETE", P + "/regions/us-central1/subnetworks/sub", null, 400);
        call("POST", P + "/global/firewalls", "{\"name\":\"fw\",\"network\":\"projects/fake-project/global/networks/net\","
                + "\"allowed\":[{\"IPProtocol\":\"tcp\",\"ports\":[\"22\"]}],\"targetTags\":[\"web\"]}", 200);
        call("GET", P + "/global/firewalls?filter=" + java.net.URLEncoder.encode("targetTags = \"web\"", "UTF-8"), null, 200);
        call("POST", P + "/zones/us-central1-a/instances", "{\"name\":\"gpu\",\"machineType\":\"zones/us-central1-a/machineTypes/n1-standard-8\","
                + "\"guestAccelerators\":[{\"acceleratorType\":\"nvidia-tesla-t4\",\"acceleratorCount\":1}],"
                + "\"disks\":[{\"boot\":true,\"initializeParams\":{\"sourceImage\":\"projects/debian-cloud/global/images/family/debian-12\"}}],"
                + "\"networkInterfaces\":[{\"subnetwork\":\"projects/fake-project/regions/us-central1/subnetworks/sub\"}]}", 400);
        assertThat(fake.server().violations()).isEmpty();
    }

    @Test
    void listsComeInPagesOfThreeAndUnknownParametersOrFieldsAreRefused() throws Exception {
        JsonNode first = call("GET", P + "/zones/us-central1-a/machineTypes", null, 200);
        assertThat(first.path("items")).hasSize(3);
        JsonNode second = call("GET", P + "/zones/us-central1-a/machineTypes?pageToken=" + first.path("nextPageToken").asText(), null, 200);
        assertThat(second.path("items").get(0).path("name").asText()).isNotEqualTo(first.path("items").get(0).path("name").asText());
        call("GET", P + "/zones/us-central1-a/machineTypes?pageToken=bogus", null, 400);
        call("GET", P + "/zones/us-central1-a/machineTypes?colour=red", null, 400);
        call("POST", P + "/global/networks", "{\"name\":\"n\",\"colour\":\"red\"}", 400);
        assertThat(call("GET", "/v2/projects/" + GcpFake.PROJECT + "/locations", null, 200).path("locations")).hasSize(5);
        JsonNode tpu = call("GET", "/v2/projects/" + GcpFake.PROJECT + "/locations?pageSize=3", null, 200);
        assertThat(tpu.path("locations")).hasSize(3);
        JsonNode tpu2 = call("GET", "/v2/projects/" + GcpFake.PROJECT + "/locations?pageToken=" + tpu.path("nextPageToken").asText(), null, 200);
        assertThat(tpu2.path("locations")).hasSize(2);
        assertThat(tpu2.has("nextPageToken")).isFalse();
        JsonNode skus = call("GET", "/v1/services/" + BillingFake.COMPUTE_SERVICE + "/skus?currencyCode=USD&pageSize=5000", null, 200);
        assertThat(skus.path("skus")).hasSize(3);
        assertThat(fake.server().violations()).isEmpty();
    }

    private static final String R = P + "/regions/us-central1";
    private static final String ZA = P + "/zones/us-central1-a";

    /** A network with a subnetwork and a running instance {@code name} in zone a carrying these network tags. */
    private void runningInstance(String name, String tags) throws Exception {
        call("POST", ZA + "/instances", "{\"name\":\"" + name + "\",\"machineType\":\"zones/us-central1-a/machineTypes/e2-micro\","
                + "\"tags\":{\"items\":[" + tags + "]},"
                + "\"disks\":[{\"boot\":true,\"initializeParams\":{\"sourceImage\":\"projects/debian-cloud/global/images/family/debian-12\"}}],"
                + "\"networkInterfaces\":[{\"subnetwork\":\"projects/fake-project/regions/us-central1/subnetworks/sub\"}]}", 200);
        for (int i = 0; i < 20 && !call("GET", ZA + "/instances/" + name, null, 200).path("status").asText().equals("RUNNING"); i++) {
            call("GET", ZA + "/instances/" + name, null, 200);
        }
    }

    private JsonNode healthOf(String group) throws Exception {
        return call("POST", R + "/backendServices/bs/getHealth", "{\"group\":\"" + ZA + "/instanceGroups/" + group + "\"}", 200);
    }

    @Test
    void backendServicesCheckTheirGroupsFromStateAndPartsInUseCannotBeDeleted() throws Exception {
        call("POST", P + "/global/networks", "{\"name\":\"net\",\"autoCreateSubnetworks\":false}", 200);
        call("POST", R + "/subnetworks", "{\"name\":\"sub\",\"network\":\"projects/fake-project/global/networks/net\",\"ipCidrRange\":\"10.1.0.0/24\"}", 200);
        runningInstance("tagged", "\"web\"");
        runningInstance("plain", "");
        call("POST", R + "/healthChecks", "{\"name\":\"hc\",\"type\":\"TCP\",\"tcpHealthCheck\":{\"port\":8080},\"checkIntervalSec\":2,\"timeoutSec\":3}", 400);
        call("POST", R + "/healthChecks", "{\"name\":\"hc\",\"type\":\"TCP\",\"tcpHealthCheck\":{\"port\":8080}}", 200);
        call("POST", ZA + "/instanceGroups", "{\"name\":\"ig\",\"network\":\"projects/fake-project/global/networks/net\"}", 200);
        call("POST", ZA + "/instanceGroups/ig/addInstances", "{\"instances\":[{\"instance\":\"zones/us-central1-a/instances/tagged\"},"
                + "{\"instance\":\"zones/us-central1-a/instances/plain\"}]}", 200);
        JsonNode twice = call("POST", ZA + "/instanceGroups/ig/addInstances", "{\"instances\":[{\"instance\":\"zones/us-central1-a/instances/plain\"}]}", 400);
        assertThat(twice.path("error").path("errors").get(0).path("reason").asText()).isEqualTo("memberAlreadyExists");
        JsonNode members = call("POST", ZA + "/instanceGroups/ig/listInstances", "{\"instanceState\":\"ALL\"}", 200);
        assertThat(members.path("items")).extracting(i -> i.path("status").asText()).containsExactly("RUNNING", "RUNNING");
        assertThat(call("GET", ZA + "/instanceGroups/ig", null, 200).path("size").asInt()).isEqualTo(2);

        call("POST", R + "/backendServices", "{\"name\":\"bs\",\"loadBalancingScheme\":\"EXTERNAL\",\"protocol\":\"HTTP\","
                + "\"healthChecks\":[\"" + R + "/healthChecks/hc\"]}", 400);
        call("POST", R + "/backendServices", "{\"name\":\"bs\",\"loadBalancingScheme\":\"EXTERNAL\",\"protocol\":\"TCP\","
                + "\"healthChecks\":[\"" + R + "/healthChecks/hc\"],\"backends\":[{\"group\":\"" + ZA + "/instanceGroups/ig\",\"balancingMode\":\"RATE\"}]}", 400);
        call("POST", R + "/backendServices", "{\"name\":\"bs\",\"loadBalancingScheme\":\"EXTERNAL\",\"protocol\":\"TCP\","
                + "\"healthChecks\":[\"" + R + "/healthChecks/hc\"],\"backends\":[{\"group\":\"" + ZA + "/instanceGroups/ig\",\"balancingMode\":\"CONNECTION\"}]}", 200);
        call("POST", R + "/forwardingRules", "{\"name\":\"fr\",\"IPProtocol\":\"UDP\",\"portRange\":\"80-80\",\"backendService\":\"" + R + "/backendServices/bs\"}", 400);
        call("POST", R + "/forwardingRules", "{\"name\":\"fr\",\"IPProtocol\":\"TCP\",\"portRange\":\"80-80\",\"backendService\":\"" + R + "/backendServices/bs\"}", 200);

        // no rule admits the probes: nobody is healthy
        assertThat(healthOf("ig").path("healthStatus")).extracting(h -> h.path("healthState").asText()).containsExactly("UNHEALTHY", "UNHEALTHY");
        call("POST", P + "/global/firewalls", "{\"name\":\"probes-a\",\"network\":\"projects/fake-project/global/networks/net\","
                + "\"allowed\":[{\"IPProtocol\":\"tcp\",\"ports\":[\"8000-8100\"]}],\"sourceRanges\":[\"130.211.0.0/22\"],\"targetTags\":[\"web\"]}", 200);
        assertThat(healthOf("ig").path("healthStatus")).as("one of the two probe ranges admitted").extracting(h -> h.path("healthState").asText())
                .containsExactly("UNHEALTHY", "UNHEALTHY");
        call("POST", P + "/global/firewalls", "{\"name\":\"probes-b\",\"network\":\"projects/fake-project/global/networks/net\","
                + "\"allowed\":[{\"IPProtocol\":\"tcp\",\"ports\":[\"8080\"]}],\"sourceRanges\":[\"35.191.0.0/16\"],\"targetTags\":[\"web\"]}", 200);
        JsonNode health = healthOf("ig");
        assertThat(health.path("healthStatus")).extracting(h -> Gce.last(h.path("instance").asText()) + "=" + h.path("healthState").asText())
                .containsExactly("tagged=HEALTHY", "plain=UNHEALTHY");
        assertThat(health.path("healthStatus").get(0).path("port").asInt()).isEqualTo(8080);
        assertThat(health.path("healthStatus").get(0).path("forwardingRule").asText()).endsWith("/forwardingRules/fr");
        call("POST", ZA + "/instances/tagged/stop", null, 200);
        assertThat(healthOf("ig").path("healthStatus").get(0).path("healthState").asText()).isEqualTo("UNHEALTHY");

        String stale = call("GET", R + "/backendServices/bs", null, 200).path("fingerprint").asText();
        call("PATCH", R + "/backendServices/bs", "{\"description\":\"x\",\"fingerprint\":\"" + stale + "\"}", 200);
        call("PATCH", R + "/backendServices/bs", "{\"description\":\"y\",\"fingerprint\":\"" + stale + "\"}", 412);

        for (String inUse : List.of(R + "/healthChecks/hc", ZA + "/instanceGroups/ig", R + "/backendServices/bs")) {
            JsonNode refused = call("DELETE", inUse, null, 400);
            assertThat(refused.path("error").path("errors").get(0).path("reason").asText()).as(inUse).isEqualTo("resourceInUseByAnotherResource");
        }
        for (String part : List.of(R + "/forwardingRules/fr", R + "/backendServices/bs", ZA + "/instanceGroups/ig", R + "/healthChecks/hc")) {
            call("DELETE", part, null, 200);
        }
        assertThat(fake.loadBalancingResources()).isEmpty();
        assertThat(fake.server().violations()).isEmpty();
    }
}
