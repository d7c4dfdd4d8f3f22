package dev.wscheck.verdict;

import dev.wscheck.catalog.PlannedRequirement;
import java.util.List;

/** A judged requirement: its checks, and the status after the requirement's own rule. */
public record RequirementVerdict(PlannedRequirement requirement, List<CheckVerdict> checks, Status status, Note note) {}
