package dev.stratus.api.feed;

import java.util.List;

/**
 * A page of the feed, oldest first, and the cursor to ask for the events after it ({@code since=next}): the
 * position of its last event, or the one asked for when the page is empty.
 */
public record EventPage(List<EventView> events, String next) {
}
