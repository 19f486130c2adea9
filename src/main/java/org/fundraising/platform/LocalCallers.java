package org.fundraising.platform;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request comes from this machine: a loopback address, as seen after any trusted proxy headers, and a
 * {@code Host} that names this machine. The name matters as much as the address: a browser on this machine sends
 * a page's own host name, so a page whose name was pointed at 127.0.0.1 (DNS rebinding) is told apart here.
 */
public final class LocalCallers {

    /** Names every machine has for itself. */
    private static final Set<String> OWN_NAMES = Set.of("localhost", "127.0.0.1", "::1");

    private LocalCallers() {
    }

    /** From a loopback address, naming this machine or one of {@code alsoNamed}. */
    public static boolean isLocal(HttpServerRequest request, Collection<String> alsoNamed) {
        return fromLoopback(request) && namesThisMachine(hostOf(request), alsoNamed);
    }

    /** The host the request names: its Host header, or HTTP/2's :authority. */
    private static String hostOf(HttpServerRequest request) {
        if (request == null) {
            return null;
        }
        HostAndPort authority = request.authority();
        return authority != null ? authority.host() : request.getHeader("Host");
    }

    private static boolean fromLoopback(HttpServerRequest request) {
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

    /** The host of a {@code Host} header (its port and an IPv6 address's brackets left out) is one of ours. */
    static boolean namesThisMachine(String hostHeader, Collection<String> alsoNamed) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(1, close);
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String name = host;
        return OWN_NAMES.contains(name) || alsoNamed.stream().anyMatch(other -> other.trim().equalsIgnoreCase(name));
    }

    /** The caller's address for per-client limits; "unknown" when the connection gives none. */
    public static String address(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
