package dev.stratus.agent.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/** An image as image-service describes it ({@code GET /v1/images/{id}}, snake_case JSON). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImageMetadata(String id, String name, String status, String diskFormat, Long size, String osHashAlgo,
        String osHashValue, Map<String, Object> properties) {

    public boolean isActive() {
        return "active".equals(status);
    }
}
