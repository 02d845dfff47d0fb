package dev.stratus.network.model;

import java.util.regex.Pattern;

/** IPv4 addresses as unsigned 32-bit numbers, for IPAM arithmetic. */
public final class Ipv4 {
    private static final Pattern ADDRESS = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private Ipv4() {
    }

    public static boolean isAddress(String text) {
        return text != null && ADDRESS.matcher(text).matches();
    }

    public static long toLong(String address) {
        if (!isAddress(address)) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    public static String toText(long value) {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }

    /** First address of an IPv4 {@link Cidr}. */
    public static long first(Cidr cidr) {
        return toLong(cidr.network().getHostAddress());
    }

    /** Last address (the broadcast address) of an IPv4 {@link Cidr}. */
    public static long last(Cidr cidr) {
        return first(cidr) + (1L << (32 - cidr.prefix())) - 1;
    }

    public static boolean contains(Cidr cidr, long address) {
        return address >= first(cidr) && address <= last(cidr);
    }
}
