package dev.stratus.network.store;

import dev.stratus.network.model.Network;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Network rows. */
@ApplicationScoped
public class NetworkRepository implements PanacheRepositoryBase<Network, UUID> {

    public List<Network> listInCreationOrder() {
        return listAll(Sort.by("createdAt").and("id"));
    }
}
