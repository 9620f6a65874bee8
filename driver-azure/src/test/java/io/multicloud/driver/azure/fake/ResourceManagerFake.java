package io.multicloud.driver.azure.fake;

import static io.multicloud.driver.azure.fake.AzureFake.NODES;
import static io.multicloud.driver.azure.fake.AzureFake.refuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The fake's Resource Manager: the subscription and its locations (eastus and westeurope with
 * three zones, westus without), resource groups, the resources of a group (with ARM's
 * {@code $filter} on tag name and value), and tags at a resource's scope.
 */
final class ResourceManagerFake {
    private final AzureFake fake;

    ResourceManagerFake(AzureFake fake) {
        this.fake = fake;
    }

    void register(AzureFake.Routes routes) {
        routes.op("Subscriptions_List", r -> {
            ObjectNode body = NODES.objectNode();
            body.putArray("value").add(subscription());
            body.putNull("nextLink"); // the swagger makes nextLink required in SubscriptionListResult
            return FakeResponse.ok(body);
        });
        routes.op("Subscriptions_Get", r -> {
            checkSubscription(r);
            return FakeResponse.ok(subscription());
        });
        routes.op("Subscriptions_ListLocations", r -> {
            checkSubscription(r);
            ObjectNode body = NODES.objectNode();
            ArrayNode value = body.putArray("value");
            value.add(location("eastus", "East US", "37.3719", "-79.8164", true));
            value.add(location("westeurope", "West Europe", "52.3667", "4.9", true));
            value.add(location("westus", "West US", "37.783", "-122.417", false));
            return FakeResponse.ok(body);
        });
        routes.op("ResourceGroups_CheckExistence", r -> FakeResponse.empty(
                fake.state.group(r.path("resourceGroupName")).isPresent() ? 204 : 404));
        routes.op("ResourceGroups_Get", r -> FakeResponse.ok(fake.group(r).deepCopy()));
        routes.op("ResourceGroups_CreateOrUpdate", this::putGroup);
        routes.op("Resources_ListByResourceGroup", r -> listResources(r, fake.state.inGroup(fake.group(r))));
        routes.op("Resources_List", r -> {
            checkSubscription(r);
            return listResources(r, fake.state.all());
        });
        routes.op("Tags_GetAtScope", r -> FakeResponse.ok(tagsResource(resourceAt(r))));
        routes.op("Tags_UpdateAtScope", this::patchTags);
    }

    private void checkSubscription(FakeRequest r) {
        if (!AzureFake.SUBSCRIPTION.equals(r.path("subscriptionId"))) {
            throw refuse(404, "SubscriptionNotFound", "The subscription '" + r.path("subscriptionId") + "' could not be found.");
        }
    }

    private static ObjectNode subscription() {
        ObjectNode s = NODES.objectNode().put("id", "/subscriptions/" + AzureFake.SUBSCRIPTION)
                .put("subscriptionId", AzureFake.SUBSCRIPTION).put("tenantId", AzureFake.TENANT)
                .put("displayName", "multicloud fake subscription").put("state", "Enabled").put("authorizationSource", "RoleBased");
        s.putObject("subscriptionPolicies").put("locationPlacementId", "Public_2014-09-01").put("quotaId", "PayAsYouGo_2014-09-01")
                .put("spendingLimit", "Off");
        return s;
    }

    private static ObjectNode location(String name, String display, String lat, String lon, boolean zones) {
        ObjectNode l = NODES.objectNode().put("id", "/subscriptions/" + AzureFake.SUBSCRIPTION + "/locations/" + name)
                .put("subscriptionId", AzureFake.SUBSCRIPTION).put("name", name).put("type", "Region").put("displayName", display)
                .put("regionalDisplayName", "(Fake) " + display);
        l.putObject("metadata").put("regionType", "Physical").put("regionCategory", "Recommended").put("geographyGroup", "Fake")
                .put("latitude", lat).put("longitude", lon).put("physicalLocation", display).put("geography", "Fake");
        if (zones) {
            ArrayNode mappings = l.putArray("availabilityZoneMappings");
            for (int z = 1; z <= 3; z++) {
                mappings.addObject().put("logicalZone", Integer.toString(z)).put("physicalZone", name + "-az" + (4 - z));
            }
        }
        return l;
    }

    private FakeResponse putGroup(FakeRequest r) {
        ObjectNode body = AzureFake.body(r);
        String name = r.path("resourceGroupName");
        if (!body.hasNonNull("location")) {
            throw refuse(400, "LocationRequired", "The location property is required for this definition.");
        }
        boolean exists = fake.state.group(name).isPresent();
        ObjectNode group = NODES.objectNode().put("id", "/subscriptions/" + AzureFake.SUBSCRIPTION + "/resourceGroups/" + name)
                .put("name", name).put("type", "Microsoft.Resources/resourceGroups").put("location", body.get("location").asText());
        group.putObject("properties").put("provisioningState", "Succeeded");
        if (body.has("tags")) {
            group.set("tags", body.get("tags").deepCopy());
        }
        fake.state.putGroup(name, group);
        return FakeResponse.json(exists ? 200 : 201, group.deepCopy());
    }

    /** ARM's listing of resources (a group's or the subscription's), with its {@code $filter} ({@link ResourceFilter}). */
    private FakeResponse listResources(FakeRequest r, List<ObjectNode> resources) {
        ResourceFilter filter = ResourceFilter.parse(r.query("$filter").orElse(null));
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode res : resources) {
            if (!filter.test().test(res)) {
                continue;
            }
            ObjectNode generic = NODES.objectNode().put("id", res.path("id").asText()).put("name", res.path("name").asText())
                    .put("type", res.path("type").asText()).put("location", res.path("location").asText("eastus"));
            // ARM leaves the tags out of a listing filtered by tag.
            if (!filter.byTag() && res.has("tags")) {
                generic.set("tags", res.get("tags").deepCopy());
            }
            items.add(generic);
        }
        return fake.page(r, items);
    }

    private ObjectNode resourceAt(FakeRequest r) {
        String scope = "/" + r.path("scope").replaceAll("^/+", "");
        return fake.state.get(scope).orElseThrow(() -> refuse(404, "ResourceNotFound", "The Resource '" + scope + "' was not found."));
    }

    private static ObjectNode tagsResource(ObjectNode resource) {
        ObjectNode t = NODES.objectNode().put("id", resource.path("id").asText() + "/providers/Microsoft.Resources/tags/default")
                .put("name", "default").put("type", "Microsoft.Resources/tags");
        ObjectNode tags = t.putObject("properties").putObject("tags");
        resource.path("tags").fields().forEachRemaining(e -> tags.set(e.getKey(), e.getValue().deepCopy()));
        return t;
    }

    private FakeResponse patchTags(FakeRequest r) {
        ObjectNode resource = resourceAt(r);
        ObjectNode body = AzureFake.body(r);
        String operation = body.path("operation").asText("");
        JsonNode given = body.path("properties").path("tags");
        ObjectNode tags = AzureFake.object(resource, "tags");
        switch (operation) {
            case "Merge" -> given.fields().forEachRemaining(e -> tags.set(e.getKey(), e.getValue().deepCopy()));
            case "Replace" -> {
                tags.removeAll();
                given.fields().forEachRemaining(e -> tags.set(e.getKey(), e.getValue().deepCopy()));
            }
            case "Delete" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (tags.has(e.getKey()) && tags.get(e.getKey()).asText().equals(e.getValue().asText())) {
                        tags.remove(e.getKey());
                    }
                }
            }
            default -> throw refuse(400, "InvalidTagOperation", "operation must be Merge, Replace or Delete");
        }
        return FakeResponse.ok(tagsResource(resource));
    }
}
