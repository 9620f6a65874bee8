package io.multicloud.driver.tencent;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;

/** What every service class of one connection shares: the configuration and the API caller. */
record TencentContext(ConnectionConfig config, TencentApi api) {

    ErrorContext error(ResourceKind kind, String name) {
        return ErrorContext.of(config.name(), kind, name);
    }
}
