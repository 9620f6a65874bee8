package io.multicloud.driver.mock;

/**
 * Something that backs mock VMs with real SSH endpoints on the loopback interface, such as the
 * test kit's {@code MockSshServers}. Hand one to {@link MockControl#serveSsh(MockSshHosting)}:
 * every VM created through that connection from then on is served, and its
 * {@link io.multicloud.api.Vm#ssh()} points at the endpoint (see {@link MockControl#serveSsh}).
 *
 * <p>The mock calls these methods while it creates or deletes a VM, so they should be quick
 * (bind a port, not wait for a client). {@link #serve} runs under the region's lock; an
 * exception it throws fails the create, and no VM is made.
 */
public interface MockSshHosting {
    /**
     * A VM was created through a connection that has this hosting: start serving it.
     *
     * @param vm the VM as SSH sees it
     * @return the port on {@code 127.0.0.1} that the VM's SSH server listens on
     */
    int serve(MockSshVm vm);

    /**
     * The VM is being deleted: stop serving it. Called once, when delete is called (the mock
     * then lets the VM go through TERMINATING as usual).
     *
     * @param vm the VM as it was given to {@link #serve}
     */
    void stop(MockSshVm vm);
}
