package dev.stratus.platform.input;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control characters in a request's path or query, encoded or not, are found before anything else reads them. */
class RequestTargetTest {
    @Test
    void aNulInAPathIdIsFound() {
        for (String uri : new String[]{"/v1/users/%00", "/v1/projects/%00/members", "/v1/projects/%00/quotas",
                "/v1/key-pairs/%00", "/v1/images/a%00b", "/v1/networks/%0a"}) {
            String found = RequestTarget.findControlCharacter(uri);
            assertNotNull(found, uri);
            assertTrue(found.startsWith("the path holds"), found);
        }
    }

    @Test
    void aControlCharacterInAQueryValueOrNameIsFound() {
        assertTrue(RequestTarget.findControlCharacter("/v1/images?name=%00").contains("query parameter 'name'"));
        assertTrue(RequestTarget.findControlCharacter("/v1/ports?limit=5&device_id=%00")
                .contains("query parameter 'device_id'"));
        assertTrue(RequestTarget.findControlCharacter("/v1/ports?a%7Fb=1").contains("name holds"));
        assertNotNull(RequestTarget.findControlCharacter("/v1/servers?name=%C2%85")); // C1 NEL, UTF-8
        assertNotNull(RequestTarget.findControlCharacter("/v1/servers?tags=%1B"));
    }

    @Test
    void ordinaryTargetsPass() {
        assertNull(RequestTarget.findControlCharacter("/v1/servers"));
        assertNull(RequestTarget.findControlCharacter("/v1/images?name=stratus+tiny&sort=name:asc&marker="));
        assertNull(RequestTarget.findControlCharacter("/v1/servers?name=caf%C3%A9&x=%25%2F%20"));
        assertNull(RequestTarget.findControlCharacter("/v1/images/%zz?bad=%"));
    }

    @Test
    void decodingIsUtf8AndLeavesBadEscapesAlone() {
        assertEquals("café", RequestTarget.decode("caf%C3%A9", false));
        assertEquals("a b", RequestTarget.decode("a+b", true));
        assertEquals("a+b", RequestTarget.decode("a+b", false));
        assertEquals("%zz%", RequestTarget.decode("%zz%", false));
        assertEquals("\u0000", RequestTarget.decode("%00", false));
    }

    @Test
    void aTargetThatIsNoUriIsNamedWithWhereItBreaks() {
        for (String uri : new String[]{"/v1/servers/%ZZ", "/v1/servers/%", "/v1/servers?x=%ZZ", "/v1/images?name=a b"}) {
            String why = RequestTarget.findMalformed(uri);
            assertNotNull(why, uri);
            assertTrue(why.startsWith("the request target is not a valid URI"), why);
            assertTrue(why.contains("at index"), why);
        }
        assertNotNull(RequestTarget.findMalformed(""));
        assertNull(RequestTarget.findMalformed("/v1/servers?name=caf%C3%A9&x=%25%2F%20&marker="));
        assertNull(RequestTarget.findMalformed("/v1/servers/00000000-0000-0000-0000-000000000001/actions/stop"));
    }
}
