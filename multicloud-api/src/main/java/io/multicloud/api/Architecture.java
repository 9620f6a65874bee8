package io.multicloud.api;

/** A CPU architecture. */
public enum Architecture { X86_64, ARM64 }
