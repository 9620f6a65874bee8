package io.multicloud.core.lazy;

import java.util.concurrent.atomic.AtomicBoolean;

/** Stands for a cloud SDK: records when its class is initialised. */
final class HeavySdk {
    static final AtomicBoolean LOADED = LazyTestDriver.SDK_LOADED;

    static {
        LOADED.set(true);
    }

    private HeavySdk() {
    }

    static String hello() {
        return "sdk";
    }
}
