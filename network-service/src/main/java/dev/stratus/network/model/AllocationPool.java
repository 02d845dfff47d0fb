package dev.stratus.network.model;

import dev.stratus.platform.input.OneLine;
import jakarta.validation.constraints.Size;

/** A range of IPv4 addresses, both ends included. */
public record AllocationPool(@Size(max = 45) @OneLine String start,
        @Size(max = 45) @OneLine String end) {

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
