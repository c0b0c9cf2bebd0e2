"""The package's layers, as its folders show them: each may import only the layers below it.

Every import counts, also one made inside a function: a lazy import hides a dependency, it
does not remove it. (``timeline/__init__.py`` says what each layer owns.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "timeline"
# Lowest first: a module may import its own layer and those before it.
LAYERS = ("core", "extract", "files", "store", "views", "cli")
# Packages only one layer may use: the database's engines and drivers, and the UI.
OWNED = {"duckdb": "store", "psycopg": "store", "ibis": "store", "pyspark": "store"}
NEVER = ("streamlit",)


def layer_of(module: str) -> int:
    """``timeline.store.bulk`` → the store's rank; the package's own files are the top."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else len(LAYERS)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in a file, relative ones resolved."""
    return imports_in(path.read_text(encoding="utf-8"), module_name(path),
                      package=path.name == "__init__.py")


def imports_in(source: str, name: str, *, package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in the source of module ``name``."""
    here = name.split(".")
    package = here if package else here[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            # from timeline import views → timeline.views
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names
                      if module == "timeline"]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_a_module_imports_only_its_layer_and_those_below(path: Path) -> None:
    own = layer_of(module_name(path))
    wrong = []
    for line, module in imports(path):
        top = module.split(".")[0]
        if top == "timeline" and layer_of(module) > own and module != "timeline":
            wrong.append(f"line {line}: {module} (layer {LAYERS[layer_of(module)]})")
        elif top in OWNED and LAYERS.index(OWNED[top]) != own:
            wrong.append(f"line {line}: {module} (only timeline.{OWNED[top]} may)")
        elif top in NEVER:
            wrong.append(f"line {line}: {module} (only app.py and app_pages/ may)")
    assert not wrong, f"{module_name(path)} reaches up:\n" + "\n".join(wrong)


def test_every_module_belongs_to_a_layer() -> None:
    loose = [module_name(path) for path in MODULES
             if layer_of(module_name(path)) == len(LAYERS)
             and path.name not in ("__init__.py", "__main__.py")]
    assert not loose, f"modules outside every layer's folder: {loose}"


@pytest.mark.parametrize(("source", "reached"), [
    ("def draw():\n    from ..views import charts\n", "timeline.views"),
    ("def draw():\n    from timeline import views\n", "timeline.views"),
    ("import timeline.store.bulk\n", "timeline.store.bulk"),
])
def test_the_check_sees_every_kind_of_import(source: str, reached: str) -> None:
    found = [module for _, module in imports_in(source, "timeline.core.model")]
    assert reached in found
    assert layer_of(reached) > layer_of("timeline.core.model")


TESTS = Path(__file__).parent


@pytest.mark.parametrize("path", sorted(TESTS.rglob("*.py")),
                         ids=lambda path: str(path.relative_to(TESTS)))
def test_tests_share_builders_not_each_other(path: Path) -> None:
    """What tests share lives in builders (tests/builders.py and the like); a test module may
    take another's tests (to run them again on another engine), never its helpers."""
    borrowed = [f"line {node.lineno}: {node.module}.{alias.name}"
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.module
                and node.module.split(".")[-1].startswith("test_")
                for alias in node.names if not alias.name.startswith("test_")]
    assert not borrowed, "helpers taken from a test module:\n" + "\n".join(borrowed)
