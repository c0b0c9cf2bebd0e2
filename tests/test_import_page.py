"""The dashboard's import page (app_pages/import_events.py) through AppTest."""

import json
from pathlib import Path

from tests.builders import gdelt_row, open_as_the_app, plain, uploaded
from timeline.core.filters import EventFilter

PAGE = str(Path(__file__).parents[1] / "app_pages" / "import_events.py")


def stored(path: Path, **fields) -> int:
    with open_as_the_app(path) as store:
        return store.count(EventFilter(**fields))


def record(event_id: str, **fields) -> str:
    values = {"id": event_id, "date": "2025-02", "title": f"Event {event_id}",
              "countries": ["KOR", "JPN"], "type": "talks",
              "sources": [{"url": "https://news.example.org/" + event_id}], **fields}
    return json.dumps(values)


def test_a_valid_file_is_previewed_and_imported_only_on_request(database_file):
    page = uploaded("new.jsonl", (record("a") + "\n" + record("b") + "\n").encode())
    assert "the project's JSON Lines: 2 rows, 2 can be imported" in plain(
        page.markdown[-1].value)
    assert stored(database_file) == 6  # a preview writes nothing
    page.button[0].click().run()
    assert plain(page.success[0].value).startswith(
        "new.jsonl: 2 rows read, 2 events imported into")
    assert stored(database_file) == 8


def test_invalid_rows_are_listed_by_line_and_field_and_downloadable(database_file):
    content = "\n".join([record("a"), record("b", date="2024-02-30"),
                         record("c", countries=["Narnia"])]) + "\n"
    page = uploaded("mixed.jsonl", content.encode())
    problems = page.dataframe[0].value
    assert list(zip(problems["file"], problems["line"], problems["field"], strict=True)) == [
        ("mixed.jsonl", 2, "date"), ("mixed.jsonl", 3, "countries.0")]
    assert "'2024-02-30' is not a real date" in problems["message"][0]
    assert "2 rows invalid" in [plain(c.value) for c in page.caption]
    assert plain(page.warning[0].value).startswith("2 rows are not valid events;")
    assert page.get("download_button")[0].proto.label == "Download the rejected rows (CSV)"
    import_all = next(b for b in page.button if b.label == "Import all")
    assert import_all.disabled  # all or nothing: not with invalid rows
    next(b for b in page.button if b.label == "Import the 1 valid row only").click().run()
    assert stored(database_file) == 7


def test_a_gdelt_file_goes_into_its_own_dataset_with_skips_counted(database_file):
    rows = [gdelt_row(1), gdelt_row(2, code="999"), gdelt_row(3, date="20241399")]
    page = uploaded("day.export.CSV", ("\n".join(rows) + "\n").encode())
    assert page.text_input(key="dataset").value == "gdelt"
    captions = [plain(c.value) for c in page.caption]
    assert "1 row with an unknown CAMEO event code" in captions
    assert "1 row with no valid date" in captions
    page.button[0].click().run()
    assert stored(database_file, datasets=("gdelt",)) == 1
    assert stored(database_file, datasets=("curated",)) == 6


def test_an_unrecognised_file_is_named_in_a_clear_error(database_file):
    page = uploaded("notes.txt", b"nothing to see here\n")
    assert plain(page.error[0].value).startswith(
        "notes.txt: line 1: not a GDELT, ICEWS or project")
    assert stored(database_file) == 6


def test_a_windows_1252_file_is_refused_at_its_line_and_byte(database_file):
    line = json.dumps(json.loads(record("a", title="Pacte signé")), ensure_ascii=False)
    page = uploaded("accents.jsonl", (line + "\n").encode("cp1252"))
    [problem] = page.dataframe[0].value.itertuples(index=False)
    assert (problem.file, problem.line, problem.field) == ("accents.jsonl", 1, "file")
    assert problem.message.startswith("not UTF-8 text: byte 0xE9 at offset ")
    assert "Nothing in this file can be imported." in plain(page.info[0].value)
    assert stored(database_file) == 6


def test_an_import_is_one_change_the_page_can_undo(database_file):
    page = uploaded("new.jsonl", (record("a") + "\n" + record("b") + "\n").encode())
    page.text_input(key="author").input("Ana").run()
    next(b for b in page.button if b.label == "Import all").click().run()
    assert stored(database_file) == 8
    with open_as_the_app(database_file) as store:
        latest = store.history().iloc[0]
    assert (latest["author"], latest["what"]) == (
        "Ana", "import of new.jsonl into 'curated': 2 added, 0 replaced")
    assert plain(page.caption[-1].value).startswith(
        f"Recorded as change #{latest['id']}: it is in Recent changes")
    page.button(key="undo_import").click().run()
    assert stored(database_file) == 6
    assert plain(page.success[0].value) == (
        f"Import undone (recorded as change #{latest['id'] + 1}).")


def test_events_that_look_like_stored_ones_are_named_before_anything_lands(database_file):
    # The test events hold "North Korea and Russia sign a mutual defence pact", June 2024.
    again = record("pact-again", title="North Korea and Russia sign mutual defence pact",
                   date="2024-06-19", countries=["PRK", "RUS"], type="treaty")
    page = uploaded("again.jsonl", (again + "\n" + record("new") + "\n").encode())
    assert any("'pact-again' looks like the stored event 'prk-rus-pact-2024'"
               in plain(warning.value) for warning in page.warning)
    assert "1 row similar to stored events" in [plain(c.value) for c in page.caption]
    next(b for b in page.button if b.label == "Import all").click().run()
    assert stored(database_file) == 7  # the look-alike was left out
    page = uploaded("again.jsonl", (again + "\n").encode())
    page.checkbox(key="allow_similar").check().run()
    next(b for b in page.button if b.label == "Import all").click().run()
    assert stored(database_file) == 8
