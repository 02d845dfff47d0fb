package dev.stratus.cli.api;

import dev.stratus.cli.CliFailure;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Lets users name resources as they think of them: an id is used as it is; anything else is a name, looked up with
 * the list route's {@code name} filter and accepted when exactly one resource has it.
 */
public final class Lookup {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Lists the ids of the resources with a name. */
    @FunctionalInterface
    public interface ByName {
        List<String> ids(String name) throws Exception;
    }

    private Lookup() {
    }

    public static boolean isId(String value) {
        return UUID.matcher(value).matches();
    }

    /** The id of the {@code kind} ("server") named {@code nameOrId}, or a failure that says why there is none. */
    public static String id(String kind, String nameOrId, ByName byName) {
        if (isId(nameOrId)) {
            return nameOrId;
        }
        List<String> ids;
        try {
            ids = byName.ids(nameOrId);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ApiCallFailed(e);
        }
        if (ids.isEmpty()) {
            throw CliFailure.api(Problems.of(404, "no " + kind + " is named \"" + nameOrId + "\""));
        }
        if (ids.size() > 1) {
            throw CliFailure.api(Problems.of(409, ids.size() + " " + kind + "s are named \"" + nameOrId
                    + "\": use an id (" + String.join(", ", ids) + ")"));
        }
        return ids.get(0);
    }

}
