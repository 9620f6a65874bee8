/**
 * Test support for multicloud.
 * <ul>
 *   <li>{@link io.multicloud.testkit.DriverConformanceTest}: the behaviour every driver must show,
 *       as an abstract JUnit 5 suite a driver module extends, tuned by a
 *       {@link io.multicloud.testkit.ConformanceProfile};</li>
 *   <li>{@link io.multicloud.testkit.MockCloudTest}: a fresh, isolated mock cloud injected into each
 *       test of a user's own code, its VMs optionally backed by real SSH servers;</li>
 *   <li>{@code @MockCloudTest(ssh = true)} with {@link io.multicloud.driver.mock.ssh.MockSshServers} (module
 *       {@code multicloud-mock-ssh}): real SSH endpoints on 127.0.0.1 for mock
 *       VMs (logins, commands, SFTP, bastion tunnels);</li>
 *   <li>{@link io.multicloud.testkit.TestResources}, {@link io.multicloud.testkit.UniqueNames} and
 *       {@link io.multicloud.testkit.Await}: creating resources under unique names, deleting them
 *       afterwards, and waiting on conditions without fixed sleeps.</li>
 * </ul>
 */
package io.multicloud.testkit;
