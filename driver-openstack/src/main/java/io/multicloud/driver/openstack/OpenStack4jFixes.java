package io.multicloud.driver.openstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openstack4j.core.transport.ObjectMapperSingleton;
import org.openstack4j.openstack.networking.domain.NeutronNetwork;

/**
 * Fixes to openstack4j 3.12 that a real Neutron (Zed) showed were needed, applied once to the
 * SDK's shared JSON mappers before the first call.
 *
 * <p>With the Jackson this project pins (2.18), {@code NeutronNetwork}'s primitive getter
 * {@code isDefault()} is bound to its {@code is_default} field, so every network create sends
 * {@code "is_default": false}, which a Neutron without the auto-allocated-topology extension
 * refuses with 400 "Unrecognized attribute(s) 'is_default'". The property is left out of the
 * network's JSON both ways (this driver never reads it).
 */
final class OpenStack4jFixes {
    private static volatile boolean applied;

    private OpenStack4jFixes() {
    }

    /** Applies the fixes, once per class loader. */
    static void apply() {
        if (applied) {
            return;
        }
        synchronized (OpenStack4jFixes.class) {
            if (!applied) {
                for (ObjectMapper mapper : new ObjectMapper[] {ObjectMapperSingleton.getContext(NeutronNetwork.class),
                        ObjectMapperSingleton.getContext(Object.class)}) {
                    mapper.addMixIn(NeutronNetwork.class, NetworkWithoutIsDefault.class);
                }
                applied = true;
            }
        }
    }

    /** Mix-in that keeps {@code is_default} out of a network's JSON. */
    @JsonIgnoreProperties(value = {"is_default", "default"}, ignoreUnknown = true)
    private abstract static class NetworkWithoutIsDefault {
    }
}
