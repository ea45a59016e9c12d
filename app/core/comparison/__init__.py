"""Comparing gminas (issue 19): an anonymised exchange file of a gmina's indicators for a year, and the
placing of one gmina among others (median, quartiles, rank). No personal data and no organisation
travels: only the gmina's own figures, each asked of its one owner in core."""
