package io.multicloud.driver.openstack;

import java.util.regex.Pattern;

/**
 * How this driver names what the project holds: a resource's own name (Nova, Neutron, Cinder
 * and Glance names) when it is a valid user name, else its cloud id (a UUID). OpenStack lets a
 * name be empty, repeat, or hold capitals, spaces and underscores ("Web Server", "db_1"); such a
 * resource is named by its id. Its display name is not shown elsewhere in the record: the common
 * records have no field for it and OpenStack, unlike EC2, does not keep it in a tag. Key pairs
 * are the exception: Nova's key name is the key pair's identity, its only id.
 */
final class OpenStackNames {
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    private OpenStackNames() {
    }

    /** Whether a text is a valid user name. */
    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The name when valid, else the id. */
    static String of(String name, String id) {
        return valid(name) ? name : id;
    }
}
