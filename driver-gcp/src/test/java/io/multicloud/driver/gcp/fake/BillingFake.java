package io.multicloud.driver.gcp.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.Pages;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cloud Billing Catalog: the public services and Compute Engine's SKUs (on-demand vCPU and
 * RAM per machine family, and GPUs, in the Americas and EMEA), priced in USD, in pages.
 */
final class BillingFake {
    static final String COMPUTE_SERVICE = "6F81-5844-456A";
    private final GcpFake fake;
    private final List<ObjectNode> services = new ArrayList<>();
    private final List<ObjectNode> skus = new ArrayList<>();

    BillingFake(GcpFake fake) {
        this.fake = fake;
        service("6F81-5844-456A", "Compute Engine");
        service("95FF-2EF5-5EA1", "Cloud Storage");
        service("CCD8-9BF1-090E", "Kubernetes Engine");
        List<String> americas = List.of("us-central1", "us-east1", "us-west1");
        List<String> emea = List.of("europe-west1", "europe-west4");
        sku("E2 Instance Core running in Americas", "CPU", 0.021811, "h", americas);
        sku("E2 Instance Ram running in Americas", "RAM", 0.002923, "GiBy.h", americas);
        sku("N1 Predefined Instance Core running in Americas", "CPU", 0.031611, "h", americas);
        sku("N1 Predefined Instance Ram running in Americas", "RAM", 0.004237, "GiBy.h", americas);
        sku("N2 Instance Core running in Americas", "CPU", 0.031611, "h", americas);
        sku("N2 Instance Ram running in Americas", "RAM", 0.004237, "GiBy.h", americas);
        sku("T2A Instance Core running in Americas", "CPU", 0.0308, "h", americas);
        sku("T2A Instance Ram running in Americas", "RAM", 0.0041, "GiBy.h", americas);
        sku("G2 Instance Core running in Americas", "CPU", 0.02489, "h", americas);
        sku("G2 Instance Ram running in Americas", "RAM", 0.002916, "GiBy.h", americas);
        sku("A2 Instance Core running in Americas", "CPU", 0.031611, "h", americas);
        sku("A2 Instance Ram running in Americas", "RAM", 0.004237, "GiBy.h", americas);
        sku("Nvidia L4 GPU running in Americas", "GPU", 0.5600, "h", americas);
        sku("Nvidia Tesla T4 GPU running in Americas", "GPU", 0.3500, "h", americas);
        sku("Nvidia Tesla A100 GPU running in Americas", "GPU", 2.933908, "h", americas);
        sku("E2 Instance Core running in EMEA", "CPU", 0.023964, "h", emea);
        sku("E2 Instance Ram running in EMEA", "RAM", 0.003212, "GiBy.h", emea);
        sku("E2 Instance Core running in Americas (Preemptible)", "CPU", 0.006543, "h", americas);
        fake.on("cloudbilling.services.list", r -> {
            Pages.Page<ObjectNode> page = page(services, r);
            ObjectNode body = Gce.object();
            body.putArray("services").addAll(page.items());
            return FakeResponse.ok(body.put("nextPageToken", page.nextToken() == null ? "" : page.nextToken()));
        });
        fake.on("cloudbilling.services.skus.list", r -> {
            if (!r.path("servicesId").equals(COMPUTE_SERVICE)) {
                return FakeResponse.ok(Gce.object().put("nextPageToken", ""));
            }
            Pages.Page<ObjectNode> page = page(skus, r);
            ObjectNode body = Gce.object();
            body.putArray("skus").addAll(page.items());
            return FakeResponse.ok(body.put("nextPageToken", page.nextToken() == null ? "" : page.nextToken()));
        });
    }

    private Pages.Page<ObjectNode> page(List<ObjectNode> all, FakeRequest r) {
        return fake.pages.page(all, r.query("pageToken").orElse(null), r.query("pageSize").map(Integer::parseInt).orElse(0),
                t -> Gce.error(400, "badRequest", "Invalid page token."));
    }

    private void service(String id, String name) {
        services.add(Gce.object().put("name", "services/" + id).put("serviceId", id).put("displayName", name)
                .put("businessEntityName", "businessEntities/GCP"));
    }

    private void sku(String description, String group, double usd, String unit, List<String> regions) {
        String id = String.format("%04X-%04X-%04X", skus.size() + 1, description.length(), (int) (usd * 1000) & 0xFFFF);
        ObjectNode sku = Gce.object().put("name", "services/" + COMPUTE_SERVICE + "/skus/" + id).put("skuId", id)
                .put("description", description).put("serviceProviderName", "Google");
        sku.putObject("category").put("serviceDisplayName", "Compute Engine").put("resourceFamily", "Compute")
                .put("resourceGroup", group).put("usageType", description.contains("Preemptible") ? "Preemptible" : "OnDemand");
        sku.set("serviceRegions", Gce.array(regions.toArray(String[]::new)));
        ObjectNode info = sku.putArray("pricingInfo").addObject().put("summary", "").put("currencyConversionRate", 1)
                .put("effectiveTime", "2026-11-01T00:00:00Z");
        ObjectNode expression = info.putObject("pricingExpression").put("usageUnit", unit)
                .put("usageUnitDescription", unit.equals("h") ? "hour" : "gibibyte hour").put("baseUnit", unit.equals("h") ? "s" : "By.s")
                .put("baseUnitDescription", unit.equals("h") ? "second" : "byte second")
                .put("baseUnitConversionFactor", unit.equals("h") ? 3600 : 3865470566400.0).put("displayQuantity", 1);
        long units = (long) usd;
        int nanos = (int) Math.round((usd - units) * 1e9);
        expression.putArray("tieredRates").addObject().put("startUsageAmount", 0).putObject("unitPrice")
                .put("currencyCode", "USD").put("units", Long.toString(units)).put("nanos", nanos);
        skus.add(sku);
    }
}
