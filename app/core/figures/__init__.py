"""Owners of the figures the app prints: each figure is computed by one function here and every
document, view and export asks it (issue 13: "one owner for every figure")."""
