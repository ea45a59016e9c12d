"""PyInstaller run-time hook (build.spec `runtime_hooks`): register Qt's qt.conf when Qt is first used.

PyInstaller's PySide6 run-time hook imports PySide6.QtCore at start-up, only to register an
embedded qt.conf that points Qt at the bundled plugins and translations. That loads shiboken6,
its signature machinery and libQt6Core for every start, also for the command line (`wkus --help`,
`wkus document ...`) that never touches Qt: ~60-100 ms of a ~0.6 s start.

Custom run-time hooks run before the module-triggered ones, so this hook swaps the helper that
hook calls for one that waits until PySide6.QtCore is imported, then registers the same qt.conf
right after the module loads (before any QApplication or QLibraryInfo call can happen). Not
imported by the app: it only exists inside the frozen bundle.
"""


def _pyi_rthook() -> None:
    import importlib.util
    import sys

    try:
        from _pyi_rth_utils import qt as qt_rth_utils
    except ImportError:  # another PyInstaller layout: leave its hook as it is
        return
    original = qt_rth_utils.create_embedded_qt_conf

    def deferred(qt_bindings: str, prefix_path: str) -> None:
        module = qt_bindings + ".QtCore"
        if module in sys.modules:
            original(qt_bindings, prefix_path)
            return

        class RegisterAfterImport:
            """Meta-path finder that lets the normal finder load QtCore, then registers qt.conf."""

            def find_spec(self, name, path=None, target=None):  # noqa: ANN001 - importlib protocol
                if name != module:
                    return None
                sys.meta_path.remove(self)
                spec = importlib.util.find_spec(name)
                if spec is None or spec.loader is None:
                    return spec
                load = spec.loader.exec_module

                def exec_module(mod):  # noqa: ANN001
                    load(mod)
                    original(qt_bindings, prefix_path)

                spec.loader.exec_module = exec_module
                return spec

        sys.meta_path.insert(0, RegisterAfterImport())

    qt_rth_utils.create_embedded_qt_conf = deferred


_pyi_rthook()
del _pyi_rthook
