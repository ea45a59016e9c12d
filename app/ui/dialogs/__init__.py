"""Dialogs, one module per form."""
