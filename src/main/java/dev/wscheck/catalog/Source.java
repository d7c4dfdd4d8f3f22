package dev.wscheck.catalog;

/** A document the catalog's facts come from, with the date of the copy they were read from. */
public record Source(String title, String url, String date) {}
