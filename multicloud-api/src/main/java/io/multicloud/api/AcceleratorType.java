package io.multicloud.api;

/** A kind of accelerator a VM spec can carry. */
public enum AcceleratorType { GPU, TPU, NPU, FPGA }
