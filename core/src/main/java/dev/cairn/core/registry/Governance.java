package dev.cairn.core.registry;

/**
 * The governance checklist of a registered model: who owns it, what it is for, what data it learned
 * from, and who approved it when. Any field may be null until someone fills it in.
 */
public record Governance(String owner, String purpose, String dataSources, String approvedBy, Long approvedTime) {

    public static final Governance EMPTY = new Governance(null, null, null, null, null);

    /** Whether an approver and a date are recorded. */
    public boolean approved() {
        return approvedBy != null && !approvedBy.isBlank() && approvedTime != null;
    }
}
