"""The package's rooms keep their borders, and no import circle is left anywhere in coursekit.

- ``lint-imports`` checks the contracts in ``pyproject.toml``'s ``[tool.importlinter]``: the
  questions and records know no screen, no grading, no cohort and no matplotlib; grading knows no
  learner widget and no cohort tool; the learner runtime knows no grading, cohort, authoring,
  figures or nbgrader; the site builder (``coursekit site``) knows no grading, cohort or authoring;
  the answers store imports only the standard library; and the rooms stack in layers (cli > authoring | site > cohort > grading | learner | figures > records > questions > answers | syllabus).
- grimp (the graph builder import-linter itself uses) finds every import in the package, those
  inside functions too, and no module may reach itself again through them.

Both read the checkout's ``src/``, and neither writes a cache into the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import grimp

from course_support import ROOT

SRC = ROOT / "src"
PACKAGE = "coursekit"

#: What ``lint-imports`` (import-linter's console script) runs, with this Python.
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env["NO_COLOR"] = "1"
    return env


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    assert config["root_package"] == PACKAGE and config["include_external_packages"] is True
    return config["contracts"]


def _graph(external: bool = False) -> grimp.ImportGraph:
    import coursekit  # grimp finds the package on sys.path: it must be the checkout's

    assert os.path.dirname(coursekit.__file__) == str(SRC / PACKAGE), coursekit.__file__
    return grimp.build_graph(PACKAGE, include_external_packages=external, cache_dir=None)


def test_lint_imports_keeps_every_contract():
    proc = subprocess.run([sys.executable, "-c", LINT_IMPORTS, "--config", "pyproject.toml", "--no-cache"],
                          cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600)
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"lint-imports found imports across a border:\n{report}"
    kept = report.count(" KEPT")
    assert kept == len(_contracts()) >= 5, report


def test_the_contracts_name_the_borders_the_issue_asks_for():
    """The contracts are the ones the layout promises, not a weakened copy."""
    forbidden = {tuple(c["source_modules"]): set(c["forbidden_modules"]) for c in _contracts() if c["type"] == "forbidden"}
    screens_and_tools = {"ipywidgets", "anywidget", "IPython", "nbgrader", "matplotlib", "sqlalchemy",
                         "coursekit.learner", "coursekit.grading", "coursekit.cohort", "coursekit.figures"}
    assert screens_and_tools <= forbidden[("coursekit.questions", "coursekit.records")]
    assert {"coursekit.learner", "ipywidgets", "anywidget", "coursekit.cohort"} <= forbidden[("coursekit.grading",)]
    assert {"coursekit.grading", "coursekit.cohort", "coursekit.authoring", "nbgrader"} <= forbidden[("coursekit.learner",)]
    assert {"coursekit.grading", "coursekit.cohort", "coursekit.authoring", "nbgrader"} <= forbidden[("coursekit.site",)]
    assert all(not c.get("allow_indirect_imports") and not c.get("ignore_imports") for c in _contracts())
    layers, = [c for c in _contracts() if c["type"] == "layers"]
    assert layers["containers"] == [PACKAGE]
    assert layers["layers"] == ["cli", "authoring | site", "cohort", "grading | learner | figures", "records", "questions",
                                "answers | syllabus"]


def test_the_answers_store_contract_forbids_everything_but_the_standard_library():
    """Every other coursekit module and every third-party package coursekit imports is in its list."""
    graph = _graph(external=True)
    ours = {m for m in graph.modules if m == PACKAGE or m.startswith(PACKAGE + ".")}
    third_party = {m for m in graph.modules - ours if m.split(".")[0] not in sys.stdlib_module_names}
    rooms = {m for m in graph.find_children(PACKAGE) if m != f"{PACKAGE}.answers"}
    answers, = [c for c in _contracts() if c.get("source_modules") == [f"{PACKAGE}.answers"]]
    missing = (third_party | rooms) - set(answers["forbidden_modules"])
    assert not missing, f"add these to the answers store's contract in pyproject.toml: {sorted(missing)}"
    assert {"nbgrader", "ipywidgets", "matplotlib", "coursekit.syllabus", "coursekit.questions"} <= third_party | rooms


def _strongly_connected(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's strongly connected components of the package's import graph (iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for child in edges:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
    return components


def _circles(graph: grimp.ImportGraph) -> list[str]:
    """Each import circle, spelt out: a component of more than one module, or a module importing itself."""
    found = []
    for component in _strongly_connected(graph):
        first = component[0]
        if len(component) == 1 and first not in graph.find_modules_directly_imported_by(first):
            continue  # a package's __init__ importing its own submodules is fine while nothing leads back
        if len(component) == 1:
            path = f"{first} -> {first}"
        else:  # a shortest way out from the first module and back, all inside the component
            chain = min((graph.find_shortest_chain(importer=first, imported=other) for other in component[1:]), key=len)
            path = " -> ".join([*chain, *graph.find_shortest_chain(importer=chain[-1], imported=first)[1:]])
        found.append(f"{len(component)} modules in a circle: {', '.join(component)} (for example {path})")
    return found


def test_no_import_circle_anywhere_in_the_package():
    graph = _graph()
    assert {f"{PACKAGE}.answers", f"{PACKAGE}.learner.lesson", f"{PACKAGE}.cli.app"} <= graph.modules
    circles = _circles(graph)
    assert not circles, "Import circles in coursekit:\n" + "\n".join(circles)


def test_the_circle_finder_finds_a_circle():
    """The check itself: the circle the issue names (completion -> progress -> progress_view -> completion)."""
    graph = grimp.ImportGraph()
    for importer, imported in [("k.completion", "k.progress"), ("k.progress", "k.progress_view"),
                               ("k.progress_view", "k.completion"), ("k.figures", "k.figures.covid"),
                               ("k.lesson", "k.completion")]:
        graph.add_import(importer=importer, imported=imported)
    circles = _circles(graph)
    assert len(circles) == 1, circles
    assert "3 modules in a circle: k.completion, k.progress, k.progress_view" in circles[0]
    assert "k.completion -> k.progress -> k.progress_view -> k.completion" in circles[0]
    assert not _circles(grimp.ImportGraph())
