package io.multicloud.driver.alibaba;

import java.util.regex.Pattern;

/**
 * The user's name of a resource is its native name in Alibaba Cloud (InstanceName, VpcName,
 * VSwitchName, SecurityGroupName, KeyPairName, DiskName, ImageName, LoadBalancerName, the ACK
 * cluster and node pool names), so the console shows it and a second process finds the resource
 * by name. A resource whose native name is not a valid user name (made outside this library,
 * say with upper-case letters or none at all) is named by its cloud id.
 */
final class AlibabaNames {
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    private AlibabaNames() {
    }

    static String of(String nativeName, String id) {
        return nativeName != null && NAME.matcher(nativeName).matches() ? nativeName : id;
    }

    /** Whether the text names a resource by its cloud id (Alibaba ids carry a prefix and a dash). */
    static boolean looksLikeId(String nameOrId, String... prefixes) {
        for (String p : prefixes) {
            if (nameOrId.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
