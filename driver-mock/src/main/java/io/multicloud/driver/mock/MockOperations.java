package io.multicloud.driver.mock;

import io.multicloud.api.ResourceKind;

import java.util.Locale;

/**
 * Operation names, {@code <kind>.<method>} in lower case: the kind is the service's
 * ({@code region image spec price vpc security_group key_pair vm disk my_image nlb cluster tag
 * any_call}) and the method is the SPI method's name ({@code list find create delete suspend
 * resume reboot addsubnet removesubnet addrules removerules attach detach resize addvms
 * removevms health addnodegroup removenodegroup scalenodegroup add remove call}).
 */
final class MockOperations {
    /** Matches every operation in fault rules. */
    static final String ANY = "*";

    private MockOperations() {
    }

    static String of(String kind, String method) {
        return kind + "." + method.toLowerCase(Locale.ROOT);
    }

    /** The resource kind an operation works on, or null (tags, any-call). */
    static ResourceKind kindOf(String operation) {
        int dot = operation.indexOf('.');
        String kind = (dot < 0 ? operation : operation.substring(0, dot)).toUpperCase(Locale.ROOT);
        for (ResourceKind k : ResourceKind.values()) {
            if (k.name().equals(kind)) {
                return k;
            }
        }
        return null;
    }
}
