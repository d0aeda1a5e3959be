"""A notebook as a page: code cells' inputs hidden, and the flag that runs it when it opens.

A learner (a board member, not a programmer) should see text, figures and questions, not code.
Each code cell gets JupyterLab's own ``"jupyter": {"source_hidden": true}`` (its input is collapsed
in JupyterLab and JupyterLite), and the notebook gets ``"coursekit": {"page": true}``: the
coursekit-pages extension (``labextension/``) runs such a notebook once when it opens, and hides
the collapsed inputs' placeholders and the In/Out prompts. Markdown cells (an assessor's written
answer cells among them) are left as they are. Pure data: no nbformat, no nbgrader.
"""

from __future__ import annotations

from typing import Any

#: The notebook metadata key and value that make a notebook a page.
PAGE_KEY = "coursekit"
PAGE_FLAG = {"page": True}


def is_page(notebook: dict[str, Any]) -> bool:
    """Whether the notebook (as JSON data) is marked as a page and every code cell's input is hidden."""
    meta = notebook.get("metadata", {}).get(PAGE_KEY)
    return isinstance(meta, dict) and meta.get("page") is True and not unhidden_code_cells(notebook)


def unhidden_code_cells(notebook: dict[str, Any]) -> list[int]:
    """The indexes of the code cells whose input is not hidden."""
    return [i for i, cell in enumerate(notebook.get("cells", [])) if cell.get("cell_type") == "code"
            and cell.get("metadata", {}).get("jupyter", {}).get("source_hidden") is not True]


def mark_page(notebook: dict[str, Any]) -> bool:
    """Mark ``notebook`` (JSON data or an nbformat node, changed in place) as a page. True if it changed."""
    changed = False
    meta = notebook.setdefault("metadata", {})
    if not isinstance(meta.get(PAGE_KEY), dict) or meta[PAGE_KEY].get("page") is not True:
        meta[PAGE_KEY] = {**(meta.get(PAGE_KEY) if isinstance(meta.get(PAGE_KEY), dict) else {}), **PAGE_FLAG}
        changed = True
    for index in unhidden_code_cells(notebook):
        cell_meta = notebook["cells"][index].setdefault("metadata", {})
        jupyter = cell_meta.get("jupyter") if isinstance(cell_meta.get("jupyter"), dict) else {}
        cell_meta["jupyter"] = {**jupyter, "source_hidden": True}
        changed = True
    return changed
