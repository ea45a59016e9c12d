"""Screens of the 42 WKUS tools: generic form renderer, result panel, use matrix, indices, contract card."""
