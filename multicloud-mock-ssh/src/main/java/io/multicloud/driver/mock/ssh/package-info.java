/**
 * Real SSH servers on {@code 127.0.0.1} behind the mock driver's VMs:
 * {@link io.multicloud.driver.mock.ssh.MockSshServers}, handed to a mock connection with
 * {@code MockControl.serveSsh}, or started for a test by the test kit's {@code @MockCloudTest(ssh = true)}.
 * Logins, commands, SFTP and bastion tunnels go over real SSH (Apache MINA SSHD, which lives in
 * this module and never in the library modules), so remote commands run end to end in a demo,
 * in JShell or in a test. The module depends on no test framework.
 */
package io.multicloud.driver.mock.ssh;
