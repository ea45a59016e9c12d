"""Guided wizards (Kreator): the WKUS handbook as plain-Python state machines, rendered by app/ui/wizards."""
