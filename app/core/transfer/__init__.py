"""Moving data in and out: the full JSON export/import, spreadsheets for the skarbnik, the
organisation import from CSV/XLSX, and the open-data (360Giving-style) grants export."""
