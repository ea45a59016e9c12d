"""The named mutex the Windows installer looks for (Inno Setup `AppMutex`), held while the app runs.

Setup and the uninstaller refuse to continue while a process holds it, so files in use are never
half-replaced. Call `create_app_mutex()` once at start-up and keep the returned handle referenced;
Windows releases it when the process ends. Elsewhere it does nothing.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

#: Must equal AppMutexName in resources/installer/wkus.iss (a test checks it).
MUTEX_NAME = "WKUSDesktopRunning"


def create_app_mutex() -> list[int]:
    """Create the session-local and global mutexes; returns their handles (empty off Windows)."""
    if sys.platform != "win32":
        return []
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateMutexW.argtypes = [wintypes.LPVOID, wintypes.BOOL, wintypes.LPCWSTR]
    kernel32.CreateMutexW.restype = wintypes.HANDLE
    handles: list[int] = []
    # Setup checks both names (AppMutex=Name,Global\Name): the global one covers another session.
    for name in (MUTEX_NAME, "Global\\" + MUTEX_NAME):
        handle = kernel32.CreateMutexW(None, False, name)
        if handle:
            handles.append(handle)
        else:  # not fatal: the app still runs, only the installer's check is weaker
            log.warning("CreateMutexW(%s) failed: error %s", name, ctypes.get_last_error())
    return handles
