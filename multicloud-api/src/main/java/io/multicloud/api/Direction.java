package io.multicloud.api;

/** The direction of traffic a security rule allows. */
public enum Direction { INBOUND, OUTBOUND }
