package dev.stratus.network.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stratus.network.model.Cidr;
import dev.stratus.platform.input.OneLine;
import dev.stratus.platform.problem.ApiException;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/networks}; {@code router:external} (administrators only) makes an external network. */
public record CreateNetworkRequest(@Size(max = MAX_NAME) @OneLine String name, @Size(max = 43) @OneLine String cidr,
        Integer mtu, Boolean adminStateUp, Boolean shared,
        @JsonProperty("router:external") Boolean routerExternal) {
    static final int MAX_NAME = 255;

    String validName() {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name", "name is required");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("name", "name is longer than " + MAX_NAME + " characters");
        }
        return name;
    }

    /** The parsed range, or null when none was given. */
    Cidr validCidr() {
        if (cidr == null) {
            return null;
        }
        return Cidr.parse(cidr).orElseThrow(() -> ApiException.badRequest("cidr", "cidr must be an IPv4 or IPv6 "
                + "network in CIDR notation without host bits (e.g. 10.0.0.0/24, fd00:1::/64), not '" + cidr + "'"));
    }
}
