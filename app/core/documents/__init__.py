"""Printed documents (PDF via reportlab platypus, DOCX via python-docx) filled from the database.

Nothing here imports Qt; reportlab, matplotlib and python-docx are imported inside functions so
that importing this package (or `app.cli`) stays cheap. Each document is a function
`build_<kind>(db, ..., out_path)` in `app.core.documents.builders` returning a `DocumentResult`.
"""
