"""The roster: a CSV of learners, refused whole with every problem by line number."""

from __future__ import annotations

import pytest

from coursekit.cohort.folder import CohortError, init_cohort
from coursekit.cohort.roster import Learner, RosterError, read_roster, roster_csv


def _write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_headers_are_matched_without_case_and_with_common_aliases(tmp_path):
    path = _write(tmp_path, "Student_ID,Full Name,E-mail,Organisation\r\nL001,Ann Lee,ann@nhs.net,Board A\r\n"
                            "L002, Bo Chen ,bo.chen@trust.nhs.uk,\"Board B, North\"\r\n", "utf-8-sig")
    assert read_roster(path) == [Learner("L001", "Ann Lee", "ann@nhs.net", "Board A"),
                                 Learner("L002", "Bo Chen", "bo.chen@trust.nhs.uk", "Board B, North")]
    text = _write(tmp_path, "EMAIL,board,Name,id\nann@nhs.net,Board A,Ann Lee,L001\n")
    assert read_roster(text) == [Learner("L001", "Ann Lee", "ann@nhs.net", "Board A")]


def test_every_problem_is_listed_with_its_line_number(tmp_path):
    path = _write(tmp_path, "\n".join([
        "id,name,email,organization",
        "L001,Ann Lee,ann@nhs.net,Board A",  # line 2: fine
        "l001,Ann Again,ann2@nhs.net,Board A",  # 3: duplicate id (folders ignore case)
        "L003,,c@nhs.net,Board A",  # 4: missing name
        "L004,Dee Pryce,not-an-email,Board B",  # 5: bad email
        "L 005,Ed Ng,ed@nhs.net,Board B",  # 6: id with a space
        "L006+x,Flo Ray,flo@nhs.net,Board B",  # 7: id with '+'
        ".hidden,Gus Tan,gus@nhs.net,Board C",  # 8: id starting with '.'
        "L009,Hal Moy,hal@nhs.net,Board C,extra",  # 9: too many values
        "L010,Ivy Ko,ivy@nhs.net",  # 10: missing board
    ]) + "\n")
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    message = str(caught.value)
    expected = {
        "line 3": "already used on line 2", "line 4": "missing name", "line 5": "not an email address",
        "line 6": "cannot be used as a folder name", "line 7": "cannot be used as a folder name",
        "line 8": "cannot be used as a folder name", "line 9": "more values than columns", "line 10": "missing board",
    }
    for line, words in expected.items():
        assert any(p.startswith(line + ":") and words in p for p in caught.value.problems), (line, message)
    assert not any(p.startswith("line 2:") for p in caught.value.problems)
    assert str(path) in message and "nothing was changed" in message


def test_a_file_that_is_not_utf8_names_the_line_and_how_to_save_it(tmp_path):
    path = _write(tmp_path, "id,name,email,board\nL001,Ann Lee,ann@nhs.net,Board A\nL002,Zoë Ash,zoe@nhs.net,Board B\n",
                  "cp1252")
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    assert caught.value.problems[0].startswith("line 3:")
    assert "CSV UTF-8" in str(caught.value)


def test_a_missing_column_and_an_empty_file_are_explained(tmp_path):
    with pytest.raises(RosterError, match="no column for email"):
        read_roster(_write(tmp_path, "id,name,board\nL001,Ann,Board A\n"))
    with pytest.raises(RosterError, match="empty"):
        read_roster(_write(tmp_path, "\n\n"))
    with pytest.raises(RosterError, match="no learners"):
        read_roster(_write(tmp_path, "id,name,email,board\n"))


def test_line_numbers_count_lines_not_rows(tmp_path):
    path = _write(tmp_path, 'id,name,email,board\nL001,"Ann\nLee",ann@nhs.net,Board A\nL002,Bo,bad,Board B\n')
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    assert caught.value.problems == ["line 4: 'bad' is not an email address."]


def test_the_normalised_roster_reads_back_the_same(tmp_path):
    learners = [Learner("L001", "Ann Lee", "ann@nhs.net", "Board A, North"), Learner("L002", "Zoë Ash", "z@nhs.net", "B")]
    path = tmp_path / "again.csv"
    path.write_text(roster_csv(learners), "utf-8")
    assert path.read_text("utf-8").splitlines()[0] == "id,name,email,board"
    assert read_roster(path) == learners


def test_a_bad_roster_writes_nothing(tmp_path):
    path = _write(tmp_path, "id,name,email,board\nL001,Ann,ann@nhs.net,A\nL001,Bo,bo@nhs.net,B\n")
    before = set(tmp_path.iterdir())
    with pytest.raises(RosterError):
        init_cohort(tmp_path / "cohort", path)
    assert set(tmp_path.iterdir()) == before, "no cohort folder and no half-built temporary folder"


def test_a_cohort_is_never_made_over_an_existing_folder(tmp_path):
    path = _write(tmp_path, "id,name,email,board\nL001,Ann,ann@nhs.net,A\n")
    (tmp_path / "cohort").mkdir()
    (tmp_path / "cohort" / "keep.txt").write_text("mine")
    with pytest.raises(CohortError, match="not empty"):
        init_cohort(tmp_path / "cohort", path)
    assert [p.name for p in (tmp_path / "cohort").iterdir()] == ["keep.txt"]
    with pytest.raises(CohortError, match="PostgreSQL"):
        init_cohort(tmp_path / "other", path, db_url="mysql://x")
    assert not (tmp_path / "other").exists()


def test_empty_rows_are_reported_with_their_line_numbers(tmp_path, capsys):
    from coursekit.cli import app as cli

    path = _write(tmp_path, "id,name,email,board\nL001,Ann Lee,ann@nhs.net,A\n,,,\n\nL002,Bo,bo@nhs.net,B\n , ,\n")
    lines: list[int] = []
    assert [learner.id for learner in read_roster(path, lines)] == ["L001", "L002"]
    assert lines == [3, 4, 6]
    assert cli.main(["cohort", "init", str(tmp_path / "cohort"), "--roster", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"Note: Skipped 3 empty rows in the roster {path} (lines 3, 4 and 6). Check that no learner is missing there.")


@pytest.mark.parametrize("separator, called", [(";", "semicolons (;)"), ("\t", "tabs")])
def test_a_file_separated_by_semicolons_or_tabs_says_so(tmp_path, separator, called):
    rows = ["Learner ID", "Name", "E-mail", "Organisation"], ["L001", "Ann Lee, MBE", "ann@nhs.net", "North"]
    path = _write(tmp_path, "".join(separator.join(row) + "\r\n" for row in rows), "utf-8-sig")
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    assert caught.value.problems == [
        f"line 1: the columns are separated by {called}, not commas. Save the file as comma-separated CSV: in Excel, "
        "choose File > Save As > 'CSV UTF-8 (Comma delimited)'. Then try again."]


def test_a_cohort_is_found_from_any_folder_inside_it(tmp_path, capsys):
    from coursekit.cli import app as cli
    from coursekit.cohort.folder import Cohort, find_cohort

    path = _write(tmp_path, "id,name,email,board\nL001,Ann,ann@nhs.net,A\n")
    cohort = init_cohort(tmp_path / "cohort", path)
    deep = cohort.root / "source" / cohort.assignments[0]
    assert find_cohort(deep) == cohort.root and find_cohort(tmp_path) is None
    assert Cohort.open(deep).root == cohort.root
    assert cli.main(["export", "--cohort", str(deep)]) == 0
    assert (cohort.root / "export" / "grades.csv").is_file()
    with pytest.raises(CohortError, match="is not a cohort folder, nor inside one"):
        Cohort.open(tmp_path)
