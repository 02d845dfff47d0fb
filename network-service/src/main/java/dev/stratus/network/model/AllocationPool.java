package dev.stratus.network.model;

/** A range of IPv4 addresses, both ends included. */
public record AllocationPool(String start, String end) {

    static AllocationPool parse(String text) {
        int dash = text.indexOf('-');
        return new AllocationPool(text.substring(0, dash), text.substring(dash + 1));
    }

    public long first() {
        return Ipv4.toLong(start);
    }

    public long last() {
        return Ipv4.toLong(end);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
