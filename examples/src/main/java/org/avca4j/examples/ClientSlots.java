package org.avca4j.examples;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * At most a fixed number of exchanges in progress per client address, so that one client cannot
 * take every connection thread. Thread-safe.
 */
final class ClientSlots {

    private final int perClient;
    private final Map<InetAddress, Integer> inUse = new HashMap<>();

    /**
     * @param perClient exchanges one client address may have in progress at once, at least 1
     */
    ClientSlots(int perClient) {
        this.perClient = perClient;
    }

    /** Takes a slot for {@code client}; false (and nothing taken) when it has none left. */
    synchronized boolean tryAcquire(InetAddress client) {
        int n = inUse.getOrDefault(client, 0);
        if (n >= perClient) {
            return false;
        }
        inUse.put(client, n + 1);
        return true;
    }

    /** Gives back a slot taken by {@link #tryAcquire}. */
    synchronized void release(InetAddress client) {
        int n = inUse.getOrDefault(client, 0);
        if (n <= 1) {
            inUse.remove(client);
        } else {
            inUse.put(client, n - 1);
        }
    }

    /** Slots {@code client} holds now. */
    synchronized int held(InetAddress client) {
        return inUse.getOrDefault(client, 0);
    }

    int perClient() {
        return perClient;
    }
}
