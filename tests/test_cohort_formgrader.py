"""Formgrader on a packs cohort: no 'exchange missing' warning, and packed assignments listed as released.

Read through nbgrader's own API (``NbGraderAPI``), which the Formgrader's pages are made from: its
``exchange_missing`` is what shows the warning, and ``get_assignments()``'s status is what they list.
"""

from __future__ import annotations

import pytest

from coursekit.cohort.folder import PACKS_EXCHANGE, Cohort, init_cohort
from coursekit.cohort.release import make_packs

pytestmark = pytest.mark.slow

ROSTER = "id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\nL002,Bo Chen,bo@nhs.net,South\n"


def _statuses(cohort: Cohort) -> dict[str, str]:
    api = Cohort.open(cohort.root).api()  # made afresh, as Formgrader makes it for each page
    assert not api.exchange_missing, "Formgrader would warn that the exchange directory is missing"
    return {a["name"]: a["status"] for a in api.get_assignments()}


def test_formgrader_lists_packed_assignments_as_released(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    cohort = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", name="Packs cohort")
    assert cohort.packs_exchange == cohort.root / PACKS_EXCHANGE
    first, second = cohort.assignments[:2]
    assert set(_statuses(cohort).values()) <= {"draft"}, "nothing released yet"

    make_packs(cohort, [first])
    statuses = _statuses(cohort)
    assert statuses[first] == "released"
    assert statuses[second] == "draft", "only what was packed"
    assert (cohort.root / "packs" / "L001.zip").is_file()
    assert (cohort.root / PACKS_EXCHANGE / cohort.course_id / "outbound" / first).is_dir()

    make_packs(cohort, ["all"])  # again, and the rest: nbgrader's release replaces the copy it had
    assert set(_statuses(cohort).values()) == {"released"}
