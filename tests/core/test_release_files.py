"""build.spec, the Inno Setup script and the app agree with each other (the installer cannot be
built on Linux, so its consistency with the bundle is checked here)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.core import get_global

from app import APP_ID, APP_ORG, __version__
from app.core.i18n import LANGUAGES
from app.ui.win_mutex import MUTEX_NAME, create_app_mutex

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
ISS = ROOT / "resources" / "installer" / "wkus.iss"


def spec_constant(name: str) -> object:
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise KeyError(name)


def iss_define(text: str, name: str) -> str:
    match = re.search(rf'^#define {name} "([^"]*)"', text, re.M)
    assert match, name
    return match.group(1)


def iss_setup(text: str, key: str) -> str:
    match = re.search(rf"^{key}=(.*)$", text, re.M)
    assert match, key
    return match.group(1).strip()


@pytest.fixture(scope="module")
def iss() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup needs a BOM to read the Polish messages as UTF-8"
    return raw[3:].decode("utf-8")


def test_spec_is_python_and_one_folder_without_upx_or_strip() -> None:
    text = SPEC.read_text(encoding="utf-8")
    ast.parse(text)
    assert "COLLECT(" in text and "exclude_binaries=True" in text  # one folder
    assert "upx=True" not in text and "strip=True" not in text
    assert re.findall(r"\bupx=(\w+)", text) == ["False", "False"]


def test_spec_keeps_babel_parents_of_every_shipped_locale() -> None:
    kept = spec_constant("BABEL_LOCALES")
    exceptions = get_global("parent_exceptions")
    for locale in LANGUAGES.values():
        chain = [locale]
        while chain[-1] != "root":
            current = chain[-1]
            parent = exceptions.get(current) or ("_".join(current.split("_")[:-1]) or "root")
            chain.append(parent)
        assert set(chain) <= kept, chain  # e.g. en_GB -> en_001 -> en -> root


def test_spec_keeps_qt_polish_and_english() -> None:
    assert {"qtbase_pl.qm", "qtbase_en.qm"} <= spec_constant("QT_TRANSLATIONS")
    assert set(spec_constant("LANGS")) == set(LANGUAGES)


def test_every_exclude_group_has_a_reason() -> None:
    """In the EXCLUDES list, each run of entries starts after a comment line (its reason)."""
    lines = SPEC.read_text(encoding="utf-8").split("EXCLUDES = [", 1)[1].split("\n]", 1)[0].splitlines()
    previous_is_comment_or_entry = False
    for line in (ln.strip() for ln in lines):
        if not line:
            previous_is_comment_or_entry = False
            continue
        if line.startswith("#"):
            previous_is_comment_or_entry = True
            continue
        assert previous_is_comment_or_entry or "#" in line, f"exclude without a reason: {line}"


def test_installer_matches_bundle_and_app(iss: str) -> None:
    exe = spec_constant("EXE_NAME")
    assert iss_define(iss, "AppExeName") == f"{exe}.exe"
    assert iss_define(iss, "DebugExeName") == f"{exe}-debug.exe"
    assert iss_define(iss, "SourceDir").replace("\\", "/").endswith(f"dist/{exe}")
    assert iss_define(iss, "AppMutexName") == MUTEX_NAME
    assert iss_define(iss, "UserDataDir") == rf"{{localappdata}}\{APP_ORG}\{APP_ID}"


def test_installer_is_per_user_in_polish_and_english(iss: str) -> None:
    assert iss_setup(iss, "PrivilegesRequired") == "lowest"
    assert iss_setup(iss, "AppMutex").startswith("{#AppMutexName}")
    langs = re.findall(r'^Name: "(\w+)"; MessagesFile: "([^"]+)"', iss, re.M)
    assert langs == [("pl", r"compiler:Languages\Polish.isl"), ("en", "compiler:Default.isl")]
    # Every custom message exists in both languages.
    pl = set(re.findall(r"^pl\.(\w+)=", iss, re.M))
    en = set(re.findall(r"^en\.(\w+)=", iss, re.M))
    assert pl == en and pl
    # User data are deleted only in code, after the box was ticked; never by [UninstallDelete].
    assert not re.search(r"^\[UninstallDelete\]", iss, re.M)
    assert "Box.Checked := False" in iss


def test_windows_workflow_passes_the_version() -> None:
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "/DAppVersion=" in workflow and "build.spec" in workflow and "--self-test" in workflow
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)  # VersionInfoVersion needs numbers only


def test_mutex_is_windows_only() -> None:
    assert create_app_mutex() == [] or __import__("sys").platform == "win32"


def spec_function(name: str, *constants: str) -> Callable[[Path], None]:
    """The spec's helper function `name`, with the spec's imports and the module-level `constants` it uses.

    The spec runs inside PyInstaller, so it cannot be imported: the function is compiled alone."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))

    def used(node: ast.stmt) -> bool:
        if isinstance(node, ast.Import):
            return True
        if isinstance(node, ast.ImportFrom):
            return node.module == "pathlib"
        if isinstance(node, ast.Assign):
            return any(isinstance(t, ast.Name) and t.id in constants for t in node.targets)
        return isinstance(node, ast.FunctionDef) and node.name == name

    wanted = [node for node in tree.body if used(node)]
    namespace: dict[str, object] = {}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(SPEC), "exec"), namespace)  # noqa: S102
    function = namespace[name]
    assert callable(function)
    return function  # type: ignore[return-value]


def test_numpy_parts_the_spec_excludes_are_unused_by_the_app() -> None:
    """build.spec leaves numpy.random and numpy.fft out of the bundle: nothing in app/ may use them."""
    excludes = SPEC.read_text(encoding="utf-8").split("EXCLUDES = [", 1)[1].split("\n]", 1)[0]
    assert '"numpy.random", "numpy.fft"' in excludes
    pattern = re.compile(r"\b(np|numpy)\.(random|fft)\b|from numpy import .*\b(random|fft)\b")
    users = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "app").rglob("*.py"))
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert users == []


def test_identical_files_become_one_file_and_relative_links(tmp_path: Path) -> None:
    link_duplicates = spec_function("_link_duplicates", "LINK_MIN_BYTES")
    font = bytes(range(256)) * 512  # 128 KiB, above the 64 KiB threshold
    (tmp_path / "matplotlib" / "fonts").mkdir(parents=True)
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    (tmp_path / "matplotlib" / "fonts" / "DejaVuSans.ttf").write_bytes(font)
    (tmp_path / "resources" / "fonts" / "DejaVuSans.ttf").write_bytes(font)
    (tmp_path / "resources" / "fonts" / "Other.ttf").write_bytes(font[:-1] + b"x")  # same size, other bytes
    (tmp_path / "small-a").write_bytes(b"same")
    (tmp_path / "small-b").write_bytes(b"same")
    link_duplicates(tmp_path)
    kept = tmp_path / "matplotlib" / "fonts" / "DejaVuSans.ttf"  # first in sorted path order
    linked = tmp_path / "resources" / "fonts" / "DejaVuSans.ttf"
    assert not kept.is_symlink() and linked.is_symlink()
    assert linked.readlink() == Path("../../matplotlib/fonts/DejaVuSans.ttf")  # relative: the folder can move
    assert linked.read_bytes() == font
    assert not (tmp_path / "resources" / "fonts" / "Other.ttf").is_symlink()
    assert not (tmp_path / "small-b").is_symlink()  # below the threshold: not worth a link


@pytest.mark.skipif(not (shutil.which("strip") and shutil.which("readelf")), reason="needs binutils")
def test_strip_drops_symbol_tables_but_leaves_grafted_libraries(tmp_path: Path) -> None:
    """Extension modules (plain or wheel-repaired) lose .symtab and keep their dynamic symbols (what
    Python's import needs); the libraries auditwheel grafted into a .libs folder stay byte for byte."""
    import matplotlib
    import numpy

    strip_symbols = spec_function("_strip_symbols", "STRIP_ARGS")
    plain_src = next(Path(matplotlib.__file__).parent.glob("_c_internal_utils.*.so"))
    repaired_src = next((Path(numpy.__file__).parent / "linalg").glob("_umath_linalg.*.so"))
    plain = tmp_path / "matplotlib" / plain_src.name
    repaired = tmp_path / "numpy" / "linalg" / repaired_src.name
    in_libs = tmp_path / "pkg.libs" / "libcopy.so.1"
    for src, dest in ((plain_src, plain), (repaired_src, repaired), (plain_src, in_libs)):
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)

    def sections(path: Path) -> str:
        return subprocess.run(["readelf", "-S", str(path)], capture_output=True, text=True, check=True).stdout

    assert ".symtab" in sections(plain) and ".symtab" in sections(repaired)
    strip_symbols(tmp_path)
    for stripped, src in ((plain, plain_src), (repaired, repaired_src)):
        assert ".symtab" not in sections(stripped) and ".dynsym" in sections(stripped)
        assert stripped.stat().st_size < src.stat().st_size
    assert in_libs.read_bytes() == plain_src.read_bytes()
