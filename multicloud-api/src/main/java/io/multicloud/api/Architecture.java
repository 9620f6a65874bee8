package io.multicloud.api;

/** A CPU architecture: what a spec runs and an image is built for ({@code I386} is 32-bit x86, not X86_64). */
public enum Architecture { X86_64, ARM64, I386 }
