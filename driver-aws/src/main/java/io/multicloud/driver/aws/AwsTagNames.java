package io.multicloud.driver.aws;

/**
 * The tags this driver puts on what it creates. The user's name is the {@code Name} tag, so
 * the AWS console shows it and a second process finds the resource by name; the
 * {@code multicloud:managed} tag marks what this library created.
 */
final class AwsTagNames {
    /** The user's name of a resource. */
    static final String NAME = "Name";
    /** Marks a resource this library created. */
    static final String MANAGED = "multicloud:managed";
    /** The value of {@link #MANAGED}. */
    static final String MANAGED_VALUE = "true";

    private AwsTagNames() {
    }

    /**
     * Whether a tag key is this driver's own (kept out of the record's tags). Only these keys:
     * other {@code multicloud:} tags (an MCI's, which rebuild it from the cloud, and
     * {@code multicloud:managed}, which tells what the library made) are shown as they were given.
     */
    static boolean isOwn(String key) {
        return NAME.equals(key) || AwsVms.IMAGE_TAG.equals(key) || AwsVms.RESUMED_TAG.equals(key)
                || AwsVms.LOGIN_USER_TAG.equals(key) || AwsMyImages.SOURCE_TAG.equals(key);
    }
}
