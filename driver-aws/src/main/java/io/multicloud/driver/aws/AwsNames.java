package io.multicloud.driver.aws;

import java.util.regex.Pattern;

/**
 * How this driver names what the account holds. The user's name of a resource is its
 * {@code Name} tag when that is a valid name (the library's name rule); a resource without one
 * (made outside this library: most instances, volumes and VPCs of a real account) is named by
 * its cloud id, and a {@code Name} tag that is not a valid name (say "Web Server") is shown among
 * its tags instead. Exceptions, where EC2 has a name of its own: the default VPC is
 * {@code default}; a security group falls back to its GroupName ({@code default} for each
 * VPC's default group); a key pair is its KeyName (EC2's identity of a key pair).
 */
final class AwsNames {
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    /** The name of a VPC's default security group and of the default VPC. */
    static final String DEFAULT = "default";

    private AwsNames() {
    }

    /** Whether a text is a valid user name. */
    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The first valid name among these, else the id. */
    static String of(String id, String... candidates) {
        for (String c : candidates) {
            if (valid(c)) {
                return c;
            }
        }
        return id;
    }
}
