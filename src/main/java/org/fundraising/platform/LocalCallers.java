package org.fundraising.platform;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a request comes from this machine (a loopback address), as seen after any trusted proxy headers. */
public final class LocalCallers {

    private LocalCallers() {
    }

    public static boolean isLocal(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        if (remote == null || remote.hostAddress() == null) {
            return false;
        }
        try {
            // A literal address, so no name lookup happens.
            return InetAddress.getByName(remote.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** The caller's address for per-client limits; "unknown" when the connection gives none. */
    public static String address(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
