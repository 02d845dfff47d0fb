package dev.stratus.agent.instance;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.InstanceSpec;
import dev.stratus.agent.guest.ConfigDrives;
import dev.stratus.agent.image.CachedImage;
import dev.stratus.agent.image.ImageCache;
import dev.stratus.agent.network.DeviceNames;
import dev.stratus.agent.network.NetworkDataplane;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a placement into a running domain: fetches the images (cached by checksum), prepares the instance's
 * files (disk, console log, config drive) and asks the driver to define and start it. Idempotent, so a retry after a
 * partial failure is safe. A resize and a rebuild use its {@link #respec} and {@link #prepare} to define the domain
 * anew; both keep the config drive right ({@link ConfigDrives#converge}).
 */
@Singleton
public class InstanceSpawner {
    private static final Logger LOG = Logger.getLogger(InstanceSpawner.class);

    private final ComputeDriver driver;
    private final ImageCache images;
    private final InstanceFiles files;
    private final AgentConfig config;
    private final NetworkDataplane network;
    private final ConfigDrives configDrives;

    public InstanceSpawner(ComputeDriver driver, ImageCache images, InstanceFiles files, AgentConfig config,
            NetworkDataplane network, ConfigDrives configDrives) {
        this.driver = driver;
        this.images = images;
        this.files = files;
        this.config = config;
        this.network = network;
        this.configDrives = configDrives;
    }

    public void spawn(InstancePlaced placement) {
        long started = System.nanoTime();
        InstanceSpec spec = prepare(placement);
        long prepared = System.nanoTime();
        driver.spawn(spec);
        LOG.infof("instance %s spawned (files %d ms, driver %d ms)", placement.instanceId(),
                (prepared - started) / 1_000_000, (System.nanoTime() - prepared) / 1_000_000);
    }

    /**
     * Fetches the placement's images, prepares the instance's files (a disk made before is kept: a rebuild sets the
     * old one aside first) and its networks, and returns the spec the driver builds the domain from.
     */
    public InstanceSpec prepare(InstancePlaced placement) {
        String id = placement.instanceId();
        FlavorSpec flavor = placement.flavor();
        ImageRef image = placement.image();
        if (flavor == null || image == null || image.id() == null) {
            throw new IllegalArgumentException("placement of instance " + id + " names no flavor or image");
        }
        List<Path> pinned = new ArrayList<>();
        Path kernel;
        Path initrd;
        try {
            CachedImage root = images.fetch(image.id());
            pinned.add(root.file());
            kernel = image.kernelId() == null ? null : images.fetch(image.kernelId()).file();
            if (kernel != null) {
                pinned.add(kernel);
            }
            initrd = image.ramdiskId() == null || kernel == null ? null : images.fetch(image.ramdiskId()).file();
            if (initrd != null) {
                pinned.add(initrd);
            }
            files.prepare(id, root, flavor.diskGb(), pinned.subList(1, pinned.size()));
        } finally {
            pinned.forEach(images::unpin);
        }
        images.evictUnused(files.imagesInUse());
        if (!placement.portsOrEmpty().isEmpty()) {
            network.converge(false); // bridges, DHCP entries and firewall before the guest's first packet
        }
        return spec(placement, kernel, initrd);
    }

    /**
     * The spec of the instance's files as they are (disk, kernel and ramdisk it boots from) with the placement's
     * flavor, NICs and config drive: what a resize defines the domain with. Fetches nothing.
     */
    public InstanceSpec respec(InstancePlaced placement) {
        List<Path> boot = files.bootImages(placement.instanceId());
        return spec(placement, boot.isEmpty() ? null : boot.get(0), boot.size() < 2 ? null : boot.get(1));
    }

    private InstanceSpec spec(InstancePlaced placement, Path kernel, Path initrd) {
        String id = placement.instanceId();
        FlavorSpec flavor = placement.flavor();
        List<InstanceSpec.Nic> nics = placement.portsOrEmpty().stream().map(p -> new InstanceSpec.Nic(
                DeviceNames.tap(p.portId()), p.macAddress(), DeviceNames.bridge(p.networkId()), p.mtu())).toList();
        return new InstanceSpec(id, flavor.vcpus(), flavor.ramMb(), flavor.cpuQuotaPercent(),
                flavor.ramMb() + config.memoryOverheadMb(), files.disk(id), kernel, initrd,
                kernel == null ? null : config.kernelCmdline(), files.consoleLog(id), nics,
                configDrives.converge(placement));
    }
}
