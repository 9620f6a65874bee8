package io.multicloud.driver.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.multicloud.api.Protocol;

/**
 * What a load balancer has that GCE keeps no field for, as JSON in the description of its
 * backend service (or, in the older form, target pool): its VPC's name and the VM group's
 * protocol and port (a passthrough balancer does not translate ports; the VMs get the
 * listener's).
 *
 * @param vpc the VPC's name, or null when not known
 * @param vmProtocol the VM group's protocol, or null when not known
 * @param vmPort the VM group's port, or 0 when not known
 */
record GcpNlbNotes(String vpc, Protocol vmProtocol, int vmPort) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The notes of a description; none (all unknown) when it holds none or is not JSON. */
    static GcpNlbNotes parse(String description) {
        JsonNode d;
        try {
            d = JSON.readTree(description == null || description.isEmpty() ? "{}" : description).path("multicloud");
        } catch (Exception e) {
            return new GcpNlbNotes(null, null, 0);
        }
        Protocol protocol = null;
        try {
            protocol = d.has("vmProtocol") ? Protocol.valueOf(d.get("vmProtocol").asText()) : null;
        } catch (IllegalArgumentException ignored) {
            // another tool's text: unknown
        }
        return new GcpNlbNotes(d.path("vpc").asText(null), protocol, d.path("vmPort").asInt(0));
    }

    /** The description that keeps these notes. */
    String json() {
        var node = JSON.createObjectNode();
        node.putObject("multicloud").put("vpc", vpc).put("vmPort", vmPort).put("vmProtocol", vmProtocol.name());
        return node.toString();
    }
}
