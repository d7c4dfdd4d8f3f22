package dev.wscheck.remediation;

/** One thing to change: the outcome code it answers and the text, in the user's language. */
public record RemediationItem(String code, String text) {}
