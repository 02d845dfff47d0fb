package dev.stratus.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Header parameters as a client sees them: {@code Authorization} and {@code Content-Type} are not parameters in
 * OpenAPI (the security scheme and the request body's media type say them), and {@code Idempotency-Key} has one
 * description and one schema wherever a create takes it.
 */
final class HeaderParameters {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private HeaderParameters() {
    }

    static void normalize(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        List<Parameter> kept = new ArrayList<>();
        for (Parameter p : operation.getParameters()) {
            if (p.getIn() == Parameter.In.HEADER && (p.getName().equalsIgnoreCase("Authorization")
                    || p.getName().equalsIgnoreCase("Content-Type"))) {
                continue;
            }
            if (p.getIn() == Parameter.In.HEADER && p.getName().equalsIgnoreCase(IDEMPOTENCY_KEY)) {
                p.setRequired(false);
                p.setDescription("Makes the create safe to retry: the same key with the same body returns the first"
                        + " answer again (per project, for 24 hours by default), the same key with another body is a 409.");
                p.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .minLength(1).maxLength(255));
            }
            kept.add(p);
        }
        operation.setParameters(kept);
    }
}
