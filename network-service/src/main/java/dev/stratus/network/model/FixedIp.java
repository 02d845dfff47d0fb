package dev.stratus.network.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.UUID;

/** An address IPAM gave a port on one subnet. */
@Embeddable
public class FixedIp {
    @Column(name = "subnet_id")
    public UUID subnetId;

    @Column(name = "ip_address")
    public String ipAddress;

    public FixedIp() {
    }

    public FixedIp(UUID subnetId, String ipAddress) {
        this.subnetId = subnetId;
        this.ipAddress = ipAddress;
    }
}
