"""WKUS Desktop: offline multi-year contracting of social services for Polish gminas.

Imports nothing heavy: this module is read by the build (version) and at start-up.
"""

__version__ = "0.1.0"
APP_NAME = "WKUS Desktop"
APP_ORG = "WKUS"
APP_ID = "wkus-desktop"
