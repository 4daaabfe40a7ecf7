package dev.cairn.core.store;

/** The database was written by a newer Cairn than this one; it is left untouched. */
public class NewerSchemaException extends StoreException {

    private static final long serialVersionUID = 1L;

    public NewerSchemaException(String message) {
        super(message);
    }
}
