package io.multicloud.api;

import java.time.Duration;
import java.util.function.Predicate;

/** One VM by name; every call goes to the cloud (nothing is cached). */
public interface VmHandle {
    /** The VM's name. */
    String name();

    /** The VM as the cloud sees it now. */
    Vm get();

    /** See {@link Vms#suspend(String)}. */
    VmStatus suspend();

    /** See {@link Vms#resume(String)}. */
    VmStatus resume();

    /** See {@link Vms#reboot(String)}. */
    VmStatus reboot();

    /** See {@link Vms#terminate(String)}. */
    VmStatus terminate();

    /** See {@link Vms#waitUntil(String, VmStatus, Duration)}. */
    Vm waitUntil(VmStatus status, Duration timeout);

    /** See {@link Resources#waitUntil(String, Predicate, Duration)}. */
    Vm waitUntil(Predicate<? super Vm> condition, Duration timeout);

    /** See {@link Vms#snapshot(String, String)}. */
    MyImage snapshot(String imageName);
}
