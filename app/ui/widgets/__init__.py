"""Reusable widgets: the record table model and proxy, the register list base, edit-dialog helpers."""
