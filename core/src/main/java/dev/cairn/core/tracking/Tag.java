package dev.cairn.core.tracking;

/** A key/value pair: a tag or a param. */
public record Tag(String key, String value) {
}
