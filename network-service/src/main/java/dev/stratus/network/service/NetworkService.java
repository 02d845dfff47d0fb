package dev.stratus.network.service;

import dev.stratus.network.config.NetworkServiceConfig;
import dev.stratus.network.model.Cidr;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.NetworkStatus;
import dev.stratus.network.store.NetworkRepository;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates, finds and deletes networks. */
@ApplicationScoped
public class NetworkService {
    private final NetworkRepository networks;
    private final NetworkServiceConfig config;

    public NetworkService(NetworkRepository networks, NetworkServiceConfig config) {
        this.networks = networks;
        this.config = config;
        if (config.defaultMtu() < 68 || config.defaultMtu() > 65535) {
            throw new IllegalStateException("stratus.network.default-mtu must be 68..65535, not " + config.defaultMtu());
        }
    }

    @Transactional
    public Network create(String name, Cidr cidr) {
        Network network = new Network();
        network.id = UUID.randomUUID();
        network.name = name;
        network.cidr = cidr == null ? null : cidr.toString();
        network.mtu = config.defaultMtu();
        network.status = NetworkStatus.ACTIVE;
        network.createdAt = Instant.now();
        networks.persist(network);
        return network;
    }

    @Transactional
    public Network get(UUID id) {
        Network network = networks.findById(id);
        if (network == null) {
            throw ApiException.notFound("network", id.toString());
        }
        return network;
    }

    @Transactional
    public List<Network> list() {
        return networks.listInCreationOrder();
    }

    @Transactional
    public void delete(UUID id) {
        networks.delete(get(id));
    }
}
