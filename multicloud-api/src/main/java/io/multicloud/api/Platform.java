package io.multicloud.api;

/** The operating-system family of an image. */
public enum Platform { LINUX, WINDOWS }
