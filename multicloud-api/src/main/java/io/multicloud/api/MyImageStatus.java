package io.multicloud.api;

/** The status of a user's image. */
public enum MyImageStatus { CREATING, AVAILABLE, FAILED }
