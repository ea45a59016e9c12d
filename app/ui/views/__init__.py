"""The main window's views; the list of them is app.ui.views.registry."""
