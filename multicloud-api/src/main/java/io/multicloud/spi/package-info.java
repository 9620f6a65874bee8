/**
 * The driver SPI: what a cloud driver implements. A driver is a thin translator between these
 * interfaces and its cloud's official SDK. It keeps the user's name on every resource (a name
 * tag, label or native name) beside the cloud's id, maps its SDK's errors onto the
 * {@link io.multicloud.api.CloudException} hierarchy, and implements only what its cloud
 * offers, declaring it in {@link io.multicloud.api.Capabilities}. Core validates every request
 * and checks capabilities before a driver method is called; waiting, retrying and grouping
 * are core's job, not the driver's.
 */
package io.multicloud.spi;
