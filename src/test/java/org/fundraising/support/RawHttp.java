package org.fundraising.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A GET on a connection of its own, written by hand: as a probe or a browser's first request makes it. */
public final class RawHttp {

    private RawHttp() {
    }

    /** The answer's status, or 0 when none came within {@code withinMs} (connect and answer each). */
    public static int get(int port, String path, String token, int withinMs) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), withinMs);
            socket.setSoTimeout(withinMs);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return status(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException noAnswer) {
            return 0;
        }
    }

    /** The status of an HTTP/1.1 answer's first line; 0 when it is not one. */
    public static int status(String answer) {
        return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : 0;
    }
}
