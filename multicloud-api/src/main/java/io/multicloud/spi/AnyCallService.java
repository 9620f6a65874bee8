package io.multicloud.spi;

import java.util.Map;

/** Cloud-specific functions the abstraction leaves out; the driver documents each. */
public interface AnyCallService {
    /** Calls a function; an unknown function is InvalidRequest naming the known ones. */
    Map<String, String> call(String function, Map<String, String> params);
}
