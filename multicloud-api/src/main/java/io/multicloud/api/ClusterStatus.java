package io.multicloud.api;

/** The status of a Kubernetes cluster or one of its node groups. */
public enum ClusterStatus { CREATING, ACTIVE, UPDATING, DELETING, FAILED }
