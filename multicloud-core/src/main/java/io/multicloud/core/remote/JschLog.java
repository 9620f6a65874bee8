package io.multicloud.core.remote;

import com.jcraft.jsch.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSch's log through SLF4J, one level down: JSch tells at INFO of every connect, key exchange and
 * disconnect (with a stack trace when a session ends), which is a library's DEBUG; its errors
 * become warnings. JSch never logs key material.
 */
final class JschLog implements Logger {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("io.multicloud.core.remote.jsch");

    @Override
    public boolean isEnabled(int level) {
        return level >= ERROR ? LOG.isWarnEnabled() : LOG.isDebugEnabled();
    }

    @Override
    public void log(int level, String message) {
        log(level, message, null);
    }

    @Override
    public void log(int level, String message, Throwable cause) {
        if (level >= ERROR) {
            LOG.warn(message, cause);
        } else {
            LOG.debug(message, cause);
        }
    }
}
