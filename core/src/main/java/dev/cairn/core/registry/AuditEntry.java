package dev.cairn.core.registry;

/** One change in the registry: who made it, when, to what, and the value before and after. */
public record AuditEntry(long id, String modelName, Integer version, String action, String field,
                         String before, String after, String user, long time) {
}
