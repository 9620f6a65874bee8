package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.VmStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nova's status and task state in the common model. */
class NovaStatusTest {

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @CsvSource(nullValues = "null", value = {
            "BUILD, spawning, CREATING",
            "BUILD, null, CREATING",
            "BUILD, scheduling, CREATING",
            "BUILD, networking, CREATING",
            "BUILD, block_device_mapping, CREATING",
            "BUILD, deleting, CREATING",
            "SHELVED, null, SUSPENDED",
            "SHELVED_OFFLOADED, null, SUSPENDED",
            "ACTIVE, shelving, SUSPENDING",
            "SHELVED, shelving_offloading, SUSPENDING",
            "SHELVED_OFFLOADED, unshelving, RESUMING",
            "SHELVED_OFFLOADED, spawning, RESUMING",
            "ACTIVE, null, RUNNING",
            "ACTIVE, suspending, SUSPENDING",
            "SUSPENDED, null, SUSPENDED",
            "SUSPENDED, resuming, RESUMING",
            "SHUTOFF, null, SUSPENDED",
            "SHUTOFF, powering-on, RESUMING",
            "ACTIVE, powering-off, SUSPENDING",
            "REBOOT, rebooting, REBOOTING",
            "HARD_REBOOT, null, REBOOTING",
            "ACTIVE, reboot_started, REBOOTING",
            "ERROR, null, FAILED",
            "ACTIVE, deleting, TERMINATING",
            "DELETED, null, TERMINATED",
            "PAUSED, null, SUSPENDED",
            "MIGRATING, null, UNKNOWN"})
    void mapsStatusAndTask(String status, String task, VmStatus expected) {
        assertThat(NovaStatus.of(status, task)).isEqualTo(expected);
    }
}
