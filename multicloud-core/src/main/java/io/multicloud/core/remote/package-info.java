/**
 * Remote commands on the VMs of an MCI.
 *
 * <p>Before a command is sent to a VM it is expanded for that VM: each
 * {@code $$Func(Name(key=value, ...))} is replaced by what the built-in function yields there
 * (its IP addresses, those of its neighbours, its share of a task list, its location).
 * {@link io.multicloud.core.remote.FunctionExpander} parses a command once, rejecting a
 * malformed one with the column of the fault before any VM is contacted, and then expands it
 * per VM from plain {@link io.multicloud.core.remote.CommandTarget} data, so it needs neither
 * SSH nor a live MCI.
 */
package io.multicloud.core.remote;
