package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import org.junit.jupiter.api.Test;

/** OpenStack's statuses and messages (as Nova, Neutron and Cinder word them) in the common hierarchy. */
class OpenStackErrorsTest {
    private final OpenStackErrors errors = new OpenStackErrors("c", null);

    @Test
    void statusesMapToTheirKinds() {
        assertThat(map(404, "Network x could not be found.")).isInstanceOf(NotFoundException.class);
        assertThat(map(401, "The request you have made requires authentication.")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(map(403, "Policy doesn't allow os_compute_api:servers:create to be performed."))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(map(400, "Invalid input for field/attribute cidr.")).isInstanceOf(InvalidRequestException.class);
        assertThat(map(429, "Rate limit exceeded")).isInstanceOf(ThrottledException.class);
        assertThat(map(503, "Service Unavailable")).isInstanceOf(TransientCloudException.class).satisfies(e -> assertThat(e.retryable()).isTrue());
        assertThat(map(500, "Internal Server Error")).isInstanceOf(TransientCloudException.class);
    }

    @Test
    void a409IsAlreadyExistsOrConflictByItsMessage() {
        assertThat(map(409, "Key pair 'k1' already exists.")).isInstanceOf(AlreadyExistsException.class);
        assertThat(map(409, "Unable to complete operation on network abc. There are one or more ports still in use on the network."))
                .isInstanceOf(ConflictException.class);
        assertThat(map(409, "Cannot 'suspend' instance abc while it is in vm_state building")).isInstanceOf(ConflictException.class);
    }

    @Test
    void quotaMessagesAreQuotaExceededInTheRegionWhateverTheStatus() {
        // Nova answers 403, Neutron 409, Cinder 413 for the same thing.
        assertThat(map(403, "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances"))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.scope()).isEqualTo(ErrorScope.REGION));
        assertThat(map(409, "Quota exceeded for resources: ['network'].")).isInstanceOf(QuotaExceededException.class);
        assertThat(map(413, "VolumeLimitExceeded: Maximum number of volumes allowed (10) exceeded"))
                .isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void aServerFaultOfNoValidHostIsCapacityInTheZone() {
        assertThat(errors.fault("No valid host was found. There are not enough hosts available.", ResourceKind.VM, "vm1"))
                .isInstanceOfSatisfying(CapacityUnavailableException.class, e -> assertThat(e.scope()).isEqualTo(ErrorScope.ZONE));
        assertThat(errors.fault("Build of instance x aborted: image not found", ResourceKind.VM, "vm1"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("image not found");
    }

    @Test
    void theProvidersCodeAndMessageAreKept() {
        var e = map(404, "Server abc could not be found.");
        assertThat(e.context().providerCode()).isEqualTo("404");
        assertThat(e.context().providerMessage()).isEqualTo("Server abc could not be found.");
        assertThat(e.context().kind()).isEqualTo(ResourceKind.VM);
    }

    private io.multicloud.api.CloudException map(int status, String message) {
        return errors.map(status, message, ResourceKind.VM, "vm1", null);
    }
}
