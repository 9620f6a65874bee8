package io.multicloud.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a driver offers, and the any-call functions it knows.
 *
 * @param supported the capabilities offered
 * @param anyCallFunctions the function names {@code Cloud.anyCall} accepts
 */
public record Capabilities(Set<Capability> supported, Set<String> anyCallFunctions) {

    public Capabilities {
        supported = Set.copyOf(supported);
        anyCallFunctions = Set.copyOf(anyCallFunctions);
    }

    /** Every capability, with the given any-call functions. */
    public static Capabilities all(Set<String> anyCallFunctions) {
        return new Capabilities(EnumSet.allOf(Capability.class), anyCallFunctions);
    }

    /** Whether the capability is offered. */
    public boolean supports(Capability capability) {
        return supported.contains(capability);
    }
}
