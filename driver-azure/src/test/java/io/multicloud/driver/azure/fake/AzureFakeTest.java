package io.multicloud.driver.azure.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.FakeServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fake's own tests: the check that holds every answer of the fake to Azure's swagger (from
 * ../shared/cloud-specs/azure) accepts Azure's own examples and refuses an unknown field, a wrong
 * type, a missing required field and an undescribed status; the fake's answers to raw requests
 * pass it (generalizing a VM and imaging it among them); a route that answers wrongly is caught.
 */
class AzureFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Swagger swagger = Swagger.get();
    private final SwaggerResponseCheck check = new SwaggerResponseCheck(swagger);

    private JsonNode example(String relative, String status) throws IOException {
        Path file = Swagger.specificationDir().getParent().resolve(relative);
        return JSON.readTree(file.toFile()).path("responses").path(status).path("body");
    }

    private List<String> check(String operation, int status, JsonNode body) {
        return check.check(swagger.operation(operation).orElseThrow(), status, body);
    }

    @ParameterizedTest
    @CsvSource({
        "VirtualMachines_Get, specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-03-01/examples/virtualMachineExamples/VirtualMachine_Get.json",
        "VirtualNetworks_Get, specification/network/resource-manager/Microsoft.Network/stable/2024-01-01/examples/VirtualNetworkGet.json",
        "NetworkInterfaces_Get, specification/network/resource-manager/Microsoft.Network/stable/2024-01-01/examples/NetworkInterfaceGet.json",
        "Disks_Get, specification/compute/resource-manager/Microsoft.Compute/DiskRP/stable/2023-10-02/examples/diskExamples/Disk_Get.json",
        "NetworkSecurityGroups_Get, specification/network/resource-manager/Microsoft.Network/stable/2024-01-01/examples/NetworkSecurityGroupGet.json",
        "PublicIPAddresses_Get, specification/network/resource-manager/Microsoft.Network/stable/2024-01-01/examples/PublicIpAddressGet.json",
        "Images_Get, specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-03-01/examples/imageExamples/Image_Get.json",
        "ManagedClusters_Get, specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2024-05-01/examples/ManagedClustersGet.json",
        "LoadBalancers_Get, specification/network/resource-manager/Microsoft.Network/stable/2024-01-01/examples/LoadBalancerGet.json",
        "Subscriptions_ListLocations, specification/resources/resource-manager/Microsoft.Resources/stable/2022-12-01/examples/GetLocations.json",
        "ResourceSkus_List, specification/compute/resource-manager/Microsoft.Compute/Skus/stable/2021-07-01/examples/skus/ListAvailableResourceSkus.json"})
    void azuresOwnExamplesPassTheCheck(String operation, String example) throws IOException {
        assertThat(check(operation, 200, example(example, "200"))).isEmpty();
    }

    private ObjectNode vmExample() throws IOException {
        return (ObjectNode) example("specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-03-01/examples/"
                + "virtualMachineExamples/VirtualMachine_Get.json", "200");
    }

    @Test
    void anUnknownFieldIsAViolation() throws IOException {
        ObjectNode vm = vmExample();
        ((ObjectNode) vm.path("properties").path("hardwareProfile")).put("vmSizeName", "Standard_B1s");
        assertThat(check("VirtualMachines_Get", 200, vm)).singleElement().asString()
                .contains("$.properties.hardwareProfile").contains("'vmSizeName' is not in the schema");
    }

    @Test
    void aWrongTypeIsAViolation() throws IOException {
        ObjectNode vm = vmExample();
        ((ObjectNode) vm.path("properties").path("storageProfile").path("osDisk")).put("diskSizeGB", "thirty");
        vm.putArray("tags");
        assertThat(check("VirtualMachines_Get", 200, vm)).hasSize(2).anySatisfy(v -> assertThat(v).contains("diskSizeGB")
                .contains("expected an integer")).anySatisfy(v -> assertThat(v).contains("$.tags"));
    }

    @Test
    void aMissingRequiredFieldIsAViolation() throws IOException {
        ObjectNode vm = vmExample();
        vm.remove("location");
        ArrayNode disks = (ArrayNode) vm.path("properties").path("storageProfile").path("dataDisks");
        ((ObjectNode) disks.get(0)).remove("createOption");
        assertThat(check("VirtualMachines_Get", 200, vm)).hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("required field 'location'"))
                .anySatisfy(v -> assertThat(v).contains("dataDisks[0]").contains("required field 'createOption'"));
    }

    @Test
    void aClosedEnumRefusesOtherValuesAndAnUndescribedStatusIsAViolation() throws IOException {
        ObjectNode vm = vmExample();
        ((ObjectNode) vm.path("properties").path("storageProfile").path("osDisk")).put("caching", "Sometimes");
        assertThat(check("VirtualMachines_Get", 200, vm)).singleElement().asString().contains("'Sometimes' is not one of");
        assertThat(check("VirtualMachines_Get", 201, vmExample())).singleElement().asString().contains("status 201 is not an answer");
    }

    @Test
    void errorsAreCheckedAgainstCloudError() {
        assertThat(check("VirtualMachines_Get", 404, AzureFake.error(404, "ResourceNotFound", "gone").json())).isEmpty();
        ObjectNode wrong = AzureFake.NODES.objectNode();
        wrong.putObject("error").put("code", 404).put("reason", "gone");
        assertThat(check("Disks_Get", 404, wrong)).hasSize(2);
    }

    @Test
    void aRouteThatAnswersWronglyIsCaught() throws Exception {
        try (FakeServer server = FakeServer.builder().check(check)
                .route("GET", "/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/virtualNetworks/{n}", "VirtualNetworks_Get",
                        r -> FakeResponse.ok(AzureFake.NODES.objectNode().put("id", 42).put("nickname", "vnet")))
                .start()) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/n")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(server.violations()).hasSize(2).anySatisfy(v -> assertThat(v).contains("$.id").contains("expected a string"))
                    .anySatisfy(v -> assertThat(v).contains("'nickname' is not in the schema"));
            server.faults().clear();
            org.assertj.core.api.Assertions.assertThatThrownBy(server::assertNoViolations).isInstanceOf(AssertionError.class);
        } catch (AssertionError expectedOnClose) {
            assertThat(expectedOnClose).hasMessageContaining("broke the API description");
        }
    }

    @Test
    void theFakesAnswersToRawRequestsPassTheCheck() throws Exception {
        try (AzureFake fake = AzureFake.start()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = fake.url() + "/subscriptions/" + AzureFake.SUBSCRIPTION;
            send(http, "PUT", base + "/resourcegroups/rg1?api-version=2024-03-01", Map.of("location", "eastus"));
            send(http, "PUT", base + "/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1?api-version=2024-01-01",
                    Map.of("location", "eastus", "properties", Map.of("addressSpace", Map.of("addressPrefixes", List.of("10.0.0.0/16")),
                            "subnets", List.of(Map.of("name", "s1", "properties", Map.of("addressPrefix", "10.0.1.0/24"))))));
            HttpResponse<String> got = send(http, "GET", base + "/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1", null);
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(got.body()).at("/properties/subnets/0/properties/addressPrefix").asText()).isEqualTo("10.0.1.0/24");
            HttpResponse<String> missing = send(http, "GET", base + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/nope", null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(missing.body()).at("/error/code").asText()).isEqualTo("ResourceNotFound");
            HttpResponse<String> skus = send(http, "GET", base + "/providers/Microsoft.Compute/skus?$filter=location%20eq%20'eastus'", null);
            assertThat(JSON.readTree(skus.body()).path("value")).hasSize(3);
            assertThat(JSON.readTree(skus.body()).path("nextLink").asText()).contains("skiptoken");
            assertThat(fake.server().violations()).isEmpty();
            assertThat(fake.server().log().size()).isEqualTo(5);
        }
    }

    @Test
    void theProbeHealthAnswerNewerThanTheSwaggerIsCheckedAgainstTheSdksModel() {
        ObjectNode good = AzureFake.NODES.objectNode().put("up", 1).put("down", 0);
        good.putArray("loadBalancerBackendAddresses").addObject().put("ipAddress", "10.0.1.4")
                .put("networkInterfaceIPConfigurationId", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkInterfaces/n/ipConfigurations/c")
                .put("state", "Up");
        var model = SdkModelCheck.MODELS.get("Operations_Result");
        assertThat(SdkModelCheck.check(model, good)).isEmpty();

        ObjectNode unknown = good.deepCopy();
        ((ObjectNode) unknown.path("loadBalancerBackendAddresses").get(0)).put("healthy", true);
        assertThat(SdkModelCheck.check(model, unknown)).singleElement().asString()
                .contains("$.loadBalancerBackendAddresses[0].healthy").contains("not a field");

        ObjectNode wrongType = good.deepCopy().put("up", "one");
        assertThat(SdkModelCheck.check(model, wrongType)).singleElement().asString().contains("cannot read");
        ObjectNode wrongString = good.deepCopy();
        ((ObjectNode) wrongString.path("loadBalancerBackendAddresses").get(0)).put("state", 1);
        assertThat(SdkModelCheck.check(model, wrongString)).singleElement().asString().contains("$.loadBalancerBackendAddresses[0].state");
    }

    @Test
    void resourcesAreListedAcrossGroupsWithArmsFilter() throws Exception {
        try (AzureFake fake = AzureFake.start()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = fake.url() + "/subscriptions/" + AzureFake.SUBSCRIPTION;
            for (String group : List.of("rg1", "rg2")) {
                send(http, "PUT", base + "/resourcegroups/" + group + "?api-version=2024-03-01", Map.of("location", "eastus"));
                for (String name : List.of("app-" + group, "db-" + group)) {
                    send(http, "PUT", base + "/resourceGroups/" + group + "/providers/Microsoft.Network/virtualNetworks/" + name
                            + "?api-version=2024-01-01", Map.of("location", "eastus", "tags", Map.of("env", name.startsWith("app") ? "prod" : "dev"),
                            "properties", Map.of("addressSpace", Map.of("addressPrefixes", List.of("10.0.0.0/16")))));
                }
            }
            JsonNode prod = JSON.readTree(send(http, "GET", base + "/resources?api-version=2024-03-01&$filter="
                    + AzureFake.enc("tagName eq 'env' and tagValue eq 'prod'"), null).body());
            assertThat(prod.path("value")).extracting(v -> v.path("name").asText()).containsExactly("app-rg1", "app-rg2");
            assertThat(prod.path("value")).allSatisfy(v -> assertThat(v.has("tags")).isFalse());
            JsonNode named = JSON.readTree(send(http, "GET", base + "/resources?$filter="
                    + AzureFake.enc("resourceType eq 'Microsoft.Network/virtualNetworks' and substringof('db-', name)"), null).body());
            assertThat(named.path("value")).extracting(v -> v.path("id").asText())
                    .allSatisfy(id -> assertThat(id).contains("/virtualNetworks/db-")).hasSize(2);
            HttpResponse<String> refused = send(http, "GET", base + "/resources?$filter=" + AzureFake.enc("location eq 'eastus'"), null);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("InvalidFilterInQueryString");
            assertThat(fake.server().violations()).isEmpty();
        }
    }

    @Test
    void aVmIsGeneralizedOnlyStoppedThenNeverStartsAndOnlyAGeneralizedVmIsImaged() throws Exception {
        try (AzureFake fake = AzureFake.start()) {
            HttpClient http = HttpClient.newHttpClient();
            fake.seedVms("rg1", "g", 1);
            String group = fake.url() + "/subscriptions/" + AzureFake.SUBSCRIPTION + "/resourceGroups/rg1/providers/Microsoft.Compute";
            String vm = group + "/virtualMachines/g-0";
            String version = "?api-version=2024-03-01";
            Map<String, Object> fromVm = Map.of("location", "eastus", "properties", Map.of("sourceVirtualMachine",
                    Map.of("id", "/subscriptions/" + AzureFake.SUBSCRIPTION + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/g-0")));

            HttpResponse<String> running = send(http, "POST", vm + "/generalize" + version, null);
            assertThat(running.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(running.body()).at("/error/message").asText()).contains("'generalize' is not allowed")
                    .contains("since the VM is running");
            HttpResponse<String> notGeneralized = send(http, "PUT", group + "/images/img" + version, fromVm);
            assertThat(notGeneralized.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(notGeneralized.body()).at("/error/message").asText()).contains("not marked as generalized");
            assertThat(JSON.readTree(notGeneralized.body()).at("/error/code").asText()).isEqualTo("OperationNotAllowed");
            Map<String, Object> fromNoVm = Map.of("location", "eastus", "properties", Map.of("sourceVirtualMachine",
                    Map.of("id", "/subscriptions/" + AzureFake.SUBSCRIPTION + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/none")));
            assertThat(send(http, "PUT", group + "/images/img" + version, fromNoVm).statusCode()).isEqualTo(404);

            assertThat(send(http, "POST", vm + "/deallocate" + version, null).statusCode()).isEqualTo(202);
            io.multicloud.testkit.Await.until("g-0 deallocated", () -> statuses(http, vm + "/instanceView" + version)
                    .contains("PowerState/deallocated"), java.time.Duration.ofSeconds(10));
            assertThat(send(http, "POST", vm + "/generalize" + version, null).statusCode()).isEqualTo(200);
            assertThat(statuses(http, vm + "/instanceView" + version)).containsExactly("ProvisioningState/succeeded",
                    "OSState/generalized", "PowerState/deallocated");
            HttpResponse<String> start = send(http, "POST", vm + "/start" + version, null);
            assertThat(start.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(start.body()).at("/error/message").asText()).contains("since the VM is generalized");

            HttpResponse<String> image = send(http, "PUT", group + "/images/img" + version, fromVm);
            assertThat(image.statusCode()).isEqualTo(201);
            JsonNode made = JSON.readTree(image.body());
            assertThat(made.at("/properties/sourceVirtualMachine/id").asText()).endsWith("/virtualMachines/g-0");
            assertThat(made.at("/properties/storageProfile/osDisk/osState").asText()).isEqualTo("Generalized");
            assertThat(made.at("/properties/storageProfile/osDisk/managedDisk/id").asText()).endsWith("/disks/g-0-osdisk");
            io.multicloud.testkit.Await.until("img made", () -> "Succeeded".equals(json(http, group + "/images/img" + version)
                    .at("/properties/provisioningState").asText()), java.time.Duration.ofSeconds(10));

            // a generalized image is provisioned on first boot: a VM of it needs an osProfile
            Map<String, Object> noLogin = Map.of("location", "eastus", "properties", Map.of("hardwareProfile", Map.of("vmSize", "Standard_B1s"),
                    "storageProfile", Map.of("imageReference", Map.of("id", made.path("id").asText()))));
            HttpResponse<String> refused = send(http, "PUT", group + "/virtualMachines/clone" + version, noLogin);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).at("/error/message").asText()).contains("'osProfile' is missing");
            // a data disk FromImage must be one of the image's LUNs (g-0 had none)
            Map<String, Object> otherLun = Map.of("location", "eastus", "properties", Map.of("hardwareProfile", Map.of("vmSize", "Standard_B1s"),
                    "osProfile", Map.of("computerName", "clone", "adminUsername", "u", "adminPassword", "Pa55word!x"),
                    "storageProfile", Map.of("imageReference", Map.of("id", made.path("id").asText()),
                            "dataDisks", List.of(Map.of("lun", 5, "createOption", "FromImage")))));
            HttpResponse<String> noSuchLun = send(http, "PUT", group + "/virtualMachines/clone" + version, otherLun);
            assertThat(noSuchLun.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(noSuchLun.body()).at("/error/message").asText()).contains("no data disk of LUN 5");
            assertThat(fake.server().violations()).isEmpty();
        }
    }

    private static JsonNode json(HttpClient http, String url) {
        try {
            return JSON.readTree(send(http, "GET", url, null).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> statuses(HttpClient http, String url) {
        List<String> codes = new java.util.ArrayList<>();
        json(http, url).path("statuses").forEach(s -> codes.add(s.path("code").asText()));
        return codes;
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, publisher).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
