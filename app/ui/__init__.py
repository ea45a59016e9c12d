"""The PySide6 desktop interface. Renders core data; business rules live in app.core."""
