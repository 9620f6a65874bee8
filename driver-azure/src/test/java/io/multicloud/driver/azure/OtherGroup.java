package io.multicloud.driver.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.multicloud.driver.azure.fake.AzureFake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Resources made straight in the fake, in a resource group of their own, by plain HTTP PUTs as
 * another tool would make them (not by the driver): what a real subscription holds beside the
 * library's group.
 */
final class OtherGroup {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AzureFake fake;
    final String group;

    /** The group, made now (as another tool would) unless it exists. */
    OtherGroup(AzureFake fake, String group) {
        this.fake = fake;
        this.group = group;
        send("/subscriptions/" + AzureFake.SUBSCRIPTION + "/resourcegroups/" + group, Map.of("location", "eastus"));
    }

    /** The id of a resource of the group. */
    String id(String type, String name) {
        return "/subscriptions/" + AzureFake.SUBSCRIPTION + "/resourceGroups/" + group + "/providers/" + type + "/" + name;
    }

    /** Two running VMs ({@code <prefix>-0}, {@code -1}) in a network {@code <prefix>-vnet}, and one of every other kind. */
    OtherGroup seedEveryKind(String prefix) {
        fake.seedVms(group, prefix, 2);
        put("Microsoft.Network/networkSecurityGroups", prefix + "-nsg", Map.of("location", "eastus",
                "properties", Map.of("securityRules", List.of())));
        put("Microsoft.Compute/sshPublicKeys", prefix + "-key", Map.of("location", "eastus",
                "properties", Map.of("publicKey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE7Hq0fM1Q0y5b8X0n8m0u3fQ9VhS8pXo3xv3CwHh0bZ ops")));
        put("Microsoft.Compute/disks", prefix + "-data", Map.of("location", "eastus", "sku", Map.of("name", "Standard_LRS"),
                "properties", Map.of("creationData", Map.of("createOption", "Empty"), "diskSizeGB", 10)));
        put("Microsoft.Compute/images", prefix + "-image", Map.of("location", "eastus", "properties", Map.of("storageProfile",
                Map.of("osDisk", Map.of("osType", "Linux", "osState", "Generalized",
                        "managedDisk", Map.of("id", id("Microsoft.Compute/disks", prefix + "-data")))))));
        put("Microsoft.Network/loadBalancers", prefix + "-lb", Map.of("location", "eastus", "sku", Map.of("name", "Standard"),
                "properties", Map.of()));
        put("Microsoft.ContainerService/managedClusters", prefix + "-aks", Map.of("location", "eastus", "properties", Map.of(
                "dnsPrefix", prefix, "agentPoolProfiles", List.of(Map.of("name", "system", "mode", "System", "count", 1,
                        "vmSize", "Standard_D2s_v5")))));
        return this;
    }

    /** PUTs a resource of the group; the answer must be a success. */
    void put(String type, String name, Object body) {
        send(id(type, name), body);
    }

    private void send(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(fake.url() + path + "?api-version=2024-03-01"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 300) {
                throw new IllegalStateException("PUT " + path + " → " + answer.statusCode() + " " + answer.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
