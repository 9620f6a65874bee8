package io.multicloud.api;

/** The status of a data disk. */
public enum DiskStatus { CREATING, AVAILABLE, ATTACHED, DELETING, FAILED }
