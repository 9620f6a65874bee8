package io.multicloud.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a fresh mock cloud of its own: a parameter of type
 * {@link io.multicloud.api.Cloud} receives a connection to the {@code mock} driver on a new,
 * randomly named mock account (so no two tests see each other's resources), and a parameter
 * of type {@link io.multicloud.core.MultiCloud} receives the instance that opened it. Both are
 * closed after the test. The mock driver ({@code driver-mock}) must be on the test class path.
 * <pre>{@code
 * @MockCloudTest
 * class MyServiceTest {
 *     @Test
 *     void startsAVm(Cloud cloud) {
 *         cloud.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
 *         Vm vm = cloud.vms().create(VmRequest.named("vm-1").image("ubuntu-22.04").spec("m1.small")
 *                 .subnet("vpc-1", "sn-1"));
 *         assertThat(cloud.vms().withName("vm-1").waitUntil(VmStatus.RUNNING, Duration.ofSeconds(5)).status())
 *                 .isEqualTo(VmStatus.RUNNING);
 *     }
 *
 *     @Test
 *     @MockCloudTest(region = "venus", properties = "quota_vms=1")
 *     void runsIntoTheQuota(Cloud cloud, MultiCloud multiCloud) { ... }
 * }
 * }</pre>
 * On a method, the annotation replaces the one on the class. The injected {@code MultiCloud}
 * reads no environment variable and no file of the user's home, so a test never reaches a real
 * cloud by accident. The mock's control panel is {@code cloud.unwrap(MockControl.class)}.
 *
 * <h2>Real SSH on the mock's VMs</h2>
 * With {@code ssh = true}, every VM the test creates through the injected {@code Cloud} is
 * backed by a real SSH server on {@code 127.0.0.1} (a
 * {@link io.multicloud.driver.mock.ssh.MockSshServers} from {@code multicloud-mock-ssh}, started for
 * the test with its work dir under the test's temporary home, and closed after it; the home goes too): {@code vm.ssh()} gives the address and port
 * to log in to with the VM's key pair, commands run as local processes in the VM's own home
 * directory, and a VM without a public IP is reached through a bastion in its VPC. A parameter
 * of type {@code MockSshServers} receives the servers, to look at a VM's home or to make it
 * unreachable, rotate its host key or give it a password:
 * <pre>{@code
 * @Test
 * @MockCloudTest(ssh = true)
 * void runsACommand(Cloud cloud, MockSshServers servers) {
 *     KeyPair key = cloud.keyPairs().create("key-1");
 *     ... create a VM with .keyPair(key), log in to vm.ssh() with key.privateKey() ...
 *     assertThat(servers.homeOf(vm.name())).isDirectoryContaining("glob:**out.txt");
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(MockCloudExtension.class)
public @interface MockCloudTest {
    /** The mock region to connect to. */
    String region() default "mars";

    /** The zone inside the region; empty for the region's first zone. */
    String zone() default "";

    /** The mock account; empty for a new random one per test (the usual choice). */
    String account() default "";

    /** How long the mock's VMs and other resources take from one status to the next, in milliseconds. */
    long transitionMillis() default 20;

    /** More mock connection properties as {@code key=value}, such as {@code "quota_vcpus=4"}. */
    String[] properties() default {};

    /**
     * Whether the VMs created through the injected {@code Cloud} get real SSH servers on
     * 127.0.0.1 (see above); a {@code MockSshServers} parameter then receives them.
     */
    boolean ssh() default false;
}
