/**
 * The rules of input, the same in every service (api-service, image-service, network-service, scheduler-service,
 * compute-agent), applied before any resource, database or other service sees a request:
 * <ul>
 *   <li><b>Strict JSON</b> ({@link dev.stratus.platform.input.StrictJson}): no coercion between scalars (a number for
 *   a string, {@code -1} or {@code "true"} for a boolean, {@code "5"} or {@code 1.5} for an integer, a number for an
 *   enum), no {@code null} for a primitive, and no field a request type does not declare. Each is a 400 problem whose
 *   {@code field} is the JSON path ({@code networks[0].port}).</li>
 *   <li><b>Control characters</b> ({@link dev.stratus.platform.input.ControlCharacters}): Unicode's control characters
 *   are C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). None is taken in a path segment, a query parameter
 *   or value ({@link dev.stratus.platform.input.RequestTargetGuard}), a JSON object key, or a name or id
 *   ({@link dev.stratus.platform.input.OneLine} on the request types). Any other JSON string (free text:
 *   descriptions, user data, public keys) may hold TAB, LF and CR, and no other control character
 *   ({@link dev.stratus.platform.input.StrictJson}). NUL is therefore refused everywhere.</li>
 *   <li><b>Lengths</b>: every string field of a request type declares {@code @Size(max = its column)}, so the limit is
 *   enforced (400 naming the field) and published ({@code maxLength} in the OpenAPI documents).</li>
 *   <li><b>Sizes of the request itself</b> ({@link dev.stratus.platform.input.RequestSizeLimits}): a request-target
 *   longer than {@code quarkus.http.limits.max-initial-line-length} (4096 by default) is a 414, headers larger than
 *   {@code quarkus.http.limits.max-header-size} (20 KiB) a 431, a {@code Content-Length} above
 *   {@code quarkus.http.limits.max-body-size} a 413, each problem+json.</li>
 * </ul>
 */
package dev.stratus.platform.input;
