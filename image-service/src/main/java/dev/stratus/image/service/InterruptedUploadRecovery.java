package dev.stratus.image.service;

import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.image.store.ImageStore;
import dev.stratus.image.store.ImageRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Uploads do not survive a restart: at start-up their temporary files are deleted and their images, stuck in
 * {@code saving}, become {@code killed} (see {@code stratus.image.recover-on-start}).
 */
@ApplicationScoped
public class InterruptedUploadRecovery {
    private static final Logger LOG = Logger.getLogger(InterruptedUploadRecovery.class);

    private final ImageRepository images;
    private final ImageStore content;
    private final ImageServiceConfig config;

    public InterruptedUploadRecovery(ImageRepository images, ImageStore content, ImageServiceConfig config) {
        this.images = images;
        this.content = content;
        this.config = config;
    }

    void onStart(@Observes @Priority(100) StartupEvent event) throws IOException {
        if (config.recoverOnStart()) {
            recover();
        }
    }

    @Transactional
    public void recover() throws IOException {
        int killed = images.killAllSaving();
        long files = content.dropTemporaryFiles();
        if (killed > 0 || files > 0) {
            LOG.infof("recovered from interrupted uploads: %d image(s) killed, %d temporary file(s) deleted", killed,
                    files);
        }
    }
}
