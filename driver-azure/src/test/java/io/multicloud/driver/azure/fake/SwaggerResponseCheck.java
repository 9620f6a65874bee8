package io.multicloud.driver.azure.fake;

import com.fasterxml.jackson.databind.JsonNode;
import io.multicloud.testkit.fake.FakeRequest;
import io.multicloud.testkit.fake.FakeResponse;
import io.multicloud.testkit.fake.ResponseCheck;
import io.multicloud.testkit.fake.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fake's answers against Azure's swagger (from {@code ../shared/cloud-specs/azure}): every
 * route is named by its swagger {@code operationId}; its status must be one the operation lists
 * (or an error its {@code default} response covers: Azure's CloudError), and its JSON body must
 * fit the response schema exactly (see {@link SchemaCheck}). An error answer of an operation that
 * lists no {@code default} (the disk operations) is checked against the common CloudError.
 *
 * <p>The routes of {@link #UNDESCRIBED} answer what the copied swagger files do not describe:
 * the status of long-running operations (ARM's {@code Azure-AsyncOperation} URL, a convention of
 * ARM rather than an operation), SSH public keys and Marketplace images (their swagger files,
 * {@code sshPublicKey.json} and {@code virtualMachineImage.json}, were not copied into
 * cloud-specs) and the public Retail Prices API (no swagger exists). Those answers follow
 * Azure's documented wire format, and are not checked. The health of a load-balancing rule, newer
 * than the copied network swagger, is checked against the SDK's model ({@link SdkModelCheck}).
 */
public final class SwaggerResponseCheck implements ResponseCheck {
    /** Routes outside the copied description. */
    public static final Set<String> UNDESCRIBED = Set.of("Operations_Status", "SshPublicKeys_Create", "SshPublicKeys_Get",
            "SshPublicKeys_Delete", "SshPublicKeys_ListByResourceGroup", "SshPublicKeys_ListBySubscription", "SshPublicKeys_GenerateKeyPair",
            "VirtualMachineImages_List", "VirtualMachineImages_Get", "RetailPrices_List");

    private final Swagger swagger;
    private final SchemaCheck schemas;

    public SwaggerResponseCheck(Swagger swagger) {
        this.swagger = swagger;
        this.schemas = new SchemaCheck(swagger);
    }

    @Override
    public List<String> check(Route route, FakeRequest request, FakeResponse response) {
        if (route == null || UNDESCRIBED.contains(route.name())) {
            return List.of();
        }
        if (SdkModelCheck.MODELS.containsKey(route.name())) {
            return response.status() == 200 ? SdkModelCheck.check(SdkModelCheck.MODELS.get(route.name()), response.json()) : List.of();
        }
        if (route.name().equals("LoadBalancerLoadBalancingRules_Health")) {
            // newer than the copied swagger; its only answer is a 202 without a body (the result is read at its Location)
            return response.status() == 202 && response.json() == null || response.status() >= 400 ? List.of()
                    : List.of("LoadBalancerLoadBalancingRules_Health answers 202 without a body, not " + response.status());
        }
        Optional<Swagger.Operation> op = swagger.operation(route.name());
        if (op.isEmpty()) {
            return List.of("route " + route.name() + " is no operation of the swagger files");
        }
        return check(op.get(), response.status(), response.json());
    }

    /** What is wrong with an answer of an operation. */
    public List<String> check(Swagger.Operation op, int status, JsonNode body) {
        List<String> wrong = new ArrayList<>();
        Optional<JsonNode> described = status < 400 && !op.answers(status) ? Optional.empty() : op.response(status);
        Swagger.Schema schema;
        if (described.isPresent()) {
            JsonNode s = described.get().get("schema");
            schema = s == null ? null : new Swagger.Schema(s, op.file());
        } else if (status >= 400) {
            schema = cloudError();
        } else {
            List<String> listed = new ArrayList<>();
            op.node().path("responses").fieldNames().forEachRemaining(listed::add);
            return List.of("status " + status + " is not an answer of " + op.id() + " (it lists " + listed + ")");
        }
        if (schema == null) {
            if (body != null && !body.isMissingNode() && status < 400 && body.size() > 0) {
                wrong.add("status " + status + " of " + op.id() + " has no body in the swagger, but the fake sent one");
            }
            return wrong;
        }
        if (body == null) {
            wrong.add("status " + status + " of " + op.id() + " needs a JSON body");
            return wrong;
        }
        wrong.addAll(schemas.check(body, schema));
        return wrong;
    }

    private Swagger.Schema cloudError() {
        Swagger.Operation any = swagger.operation("VirtualMachines_Get").orElseThrow();
        return new Swagger.Schema(any.node().path("responses").path("default").path("schema"), any.file());
    }
}
