package com.wmsanalytics.service;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who asked for a run: the operating-system user and the host, as the history records them. */
public record Requester(String user, String host) {

    public static Requester current() {
        return new Requester(System.getProperty("user.name", "unknown"), hostName());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
