/**
 * Real SSH servers on {@code 127.0.0.1} behind the mock driver's VMs:
 * {@link io.multicloud.testkit.ssh.MockSshServers}, handed to a mock connection with
 * {@code MockControl.serveSsh}, or started for a test by {@code @MockCloudTest(ssh = true)}.
 * Logins, commands, SFTP and bastion tunnels go over real SSH (Apache MINA SSHD, which lives in
 * this test-support module only), so remote commands can be tested end to end.
 */
package io.multicloud.testkit.ssh;
