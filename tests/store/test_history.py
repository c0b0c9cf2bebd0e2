"""Nothing lost, nothing silently changed: what imports and dataset removals do to the events
already stored, as recorded changes that can be undone."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.builders import event_record
from timeline.cli.main import main
from timeline.core.filters import EventFilter
from timeline.core.model import parse_event
from timeline.store import ChangeRefused, open_store
from timeline.store.importers import import_file

WAR = "korean-war"  # a curated test event


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
                    encoding="utf-8")
    return path


def summit(event_id: str, title: str, date: str) -> dict:
    return event_record(id=event_id, title=title, date=date, countries=["USA", "PRK"],
                        type="summit")


SUMMITS = [summit("singapore-2018", "Trump and Kim hold first summit in Singapore", "2018-06-12"),
           summit("hanoi-2019", "Trump and Kim meet again in Hanoi, without a deal",
                  "2019-02-27")]
# The same two summits as another file tells them: other ids, other words.
RETOLD = [summit("s1", "First Trump–Kim summit, Singapore", "2018-06"),
          summit("s2", "Trump, Kim meet again in Hanoi; no deal", "2019-02")]


def test_an_import_never_takes_over_another_datasets_event(sample_store, tmp_path):
    war = sample_store.get(WAR)
    path = jsonl(tmp_path / "evil.jsonl", event_record(id="harmless"),
                 {**war.to_record(), "title": "Rewritten"})
    summary = import_file(sample_store, path, dataset="evil")
    assert [str(p) for p in summary.problems] == [
        f"{path}:2: id: '{WAR}' is an event of dataset 'curated', which an import never takes "
        f"over: give the event another id, or import it into 'curated'"]
    assert not summary.written and sample_store.get("harmless") is None
    # With --skip-invalid the other rows land; the curated event stays as it was, where it was.
    assert import_file(sample_store, path, dataset="evil", skip_invalid=True).imported == 1
    assert sample_store.get(WAR) == war
    assert main(["datasets", "--remove", "evil", "--db", str(sample_store.path)]) == 0
    assert sample_store.get(WAR) == war and sample_store.get("harmless") is None


def test_replacing_within_the_dataset_is_an_edit_announced_by_the_dry_run(sample_store, tmp_path):
    war = sample_store.get(WAR)
    path = jsonl(tmp_path / "fix.jsonl", {**war.to_record(), "title": "The Korean War"},
                 event_record(id="new-one", date="2031"))
    dry = import_file(sample_store, path, dry_run=True, author="Ana")
    assert (dry.imported, dry.replaced, dry.written) == (2, 1, False)
    assert sample_store.get(WAR) == war and sample_store.get("new-one") is None
    real = import_file(sample_store, path, author="Ana")
    assert (real.imported, real.replaced, real.written) == (2, 1, True)
    assert str(real).startswith(f"{path}: 2 rows read, 2 events imported into 'curated' (1 "
                                "of them replacing a stored event with the same ID, each "
                                "recorded as an edit)\n")
    [edit] = sample_store.history(WAR).itertuples()
    assert (edit.action, edit.author, edit.batch) == ("edit", "Ana", real.change)
    assert json.loads(edit.before)["title"] == war.title
    assert json.loads(edit.after)["title"] == "The Korean War"


def test_an_import_is_undone_as_one_change(sample_store, tmp_path):
    war, before = sample_store.get(WAR), sample_store.count()
    path = jsonl(tmp_path / "batch.jsonl", {**war.to_record(), "title": "Renamed"},
                 event_record(id="one", date="2031"), event_record(id="two", date="2032"))
    change = import_file(sample_store, path, author="Ana").change
    recorded = next(sample_store.history().query("action == 'import'").itertuples())
    assert (recorded.id, recorded.what) == (
        change, "import of batch.jsonl into 'curated': 2 added, 1 replaced")
    undo = sample_store.undo(change, author="Ben")
    assert sample_store.count() == before and sample_store.get(WAR) == war
    assert sample_store.history().iloc[0]["what"] == f"undo of change {change}"
    with pytest.raises(ChangeRefused, match=f"was undone already \\(change {undo}\\)"):
        sample_store.undo(change, author="Ben")


def test_undoing_an_import_keeps_an_event_edited_since(sample_store, tmp_path):
    path = jsonl(tmp_path / "one.jsonl", event_record(id="kept", date="2031"))
    change = import_file(sample_store, path).change
    edited = parse_event(event_record(id="kept", date="2031", title="Edited by hand"))
    sample_store.save_event(edited, author="Ana")
    sample_store.undo(change, author="Ana")
    assert sample_store.get("kept").title == "Edited by hand"


def test_a_gdelt_import_is_undone_as_one_change(sample_store, tmp_path):
    from tests.builders import gdelt_row

    path = tmp_path / "day.tsv"
    path.write_text("".join(gdelt_row(n) + "\n" for n in range(1, 6)))
    summary = import_file(sample_store, path)
    assert sample_store.count(EventFilter(datasets=("gdelt",))) == 5
    sample_store.undo(summary.change, author="Ana")
    assert sample_store.count(EventFilter(datasets=("gdelt",))) == 0
    assert sample_store.count() == 6


def test_events_that_look_like_stored_ones_are_held_back_with_a_warning(sample_store, tmp_path):
    import_file(sample_store, jsonl(tmp_path / "summits.jsonl", *SUMMITS))
    retold = jsonl(tmp_path / "retold.jsonl", *RETOLD)
    summary = import_file(sample_store, retold)
    assert summary.imported == 0 and summary.skipped == {"similar to stored events": 2}
    assert [str(w) for w in summary.warnings] == [
        f"{retold}:1: title: 's1' looks like the stored event 'singapore-2018' ('Trump and Kim "
        f"hold first summit in Singapore'): not imported, as it may be "
        f"the same event told twice",
        f"{retold}:2: title: 's2' looks like the stored event 'hanoi-2019' ('Trump and Kim meet "
        f"again in Hanoi, without a deal'): not imported, as it may be the same "
        f"event told twice"]
    assert sample_store.count(EventFilter(countries=("USA", "PRK"), match="all")) == 2 + 1
    assert import_file(sample_store, retold, allow_similar=True).imported == 2


def test_a_different_event_on_the_same_day_between_the_same_countries_is_not_held_back(
        sample_store, tmp_path):
    import_file(sample_store, jsonl(tmp_path / "summits.jsonl", *SUMMITS))
    other = summit("statement-2018", "US and North Korea sign a joint statement on remains",
                   "2018-06-12")
    assert import_file(sample_store, jsonl(tmp_path / "other.jsonl", other)).imported == 1


def test_a_zip_with_a_bad_second_member_lands_nothing_and_says_so(sample_store, tmp_path, capsys):
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("first.jsonl", json.dumps(event_record(id="first", date="2031")) + "\n")
        zipped.writestr("second.jsonl", json.dumps(event_record(id="second", date="2031-02-30"))
                        + "\n")
    assert main(["import", str(archive), "--db", str(sample_store.path)]) == 1
    error = capsys.readouterr().err
    assert f"{archive}:second.jsonl:1: date: '2031-02-30' is not a real date" in error
    assert "1 of 2 rows invalid; nothing imported" in error
    assert sample_store.get("first") is None


def test_a_removed_dataset_leaves_every_view_and_comes_back_on_undo(sample_store, tmp_path, capsys):
    import_file(sample_store, jsonl(tmp_path / "extra.jsonl", event_record(id="extra")),
                dataset="extra")
    database = str(sample_store.path)
    assert main(["datasets", "--remove", "extra", "--db", database, "--by", "Ana"]) == 0
    removal = int(sample_store.history().iloc[0]["id"])
    assert capsys.readouterr().out == (
        f"dataset 'extra' removed (undo with `timeline undo {removal}`; `timeline datasets "
        f"--purge extra` deletes its events for good)\n")
    assert sample_store.get("extra") is None  # in no view; stored still, as the undo shows
    assert sample_store.count(EventFilter(datasets=("extra",))) == 0
    assert sample_store.count(EventFilter(countries=("PRK", "RUS"), match="all")) == 1
    assert "extra" not in list(sample_store.datasets()["name"])
    assert main(["import", str(tmp_path / "extra.jsonl"), "--dataset", "extra",
                 "--db", database]) == 1  # no import into a removed dataset
    assert f"dataset 'extra' was removed by change {removal}" in capsys.readouterr().err
    assert main(["undo", str(removal), "--db", database, "--by", "Ana"]) == 0
    assert sample_store.count(EventFilter(datasets=("extra",))) == 1
    assert sample_store.get("extra").title == "A test event"
    assert main(["datasets", "--purge", "extra", "--db", database]) == 1  # in use: refused
    assert "remove it first" in capsys.readouterr().err


def test_add_with_a_taken_id_is_refused_not_an_edit(db_path, capsys):
    before = open_store(db_path).get(WAR)
    assert main(["add", "--db", str(db_path), "--id", WAR, "--date", "2031", "--title", "X",
                 "--type", "talks", "--publisher", "Wire"]) == 1
    refusal = capsys.readouterr().err
    assert f"there is already an event '{WAR}' (“Korean War”, in dataset 'curated')" in refusal
    assert open_store(db_path).get(WAR) == before


def test_each_change_carries_the_title_its_event_had(sample_store, tmp_path):
    war = sample_store.get(WAR)
    sample_store.save_event(war.model_copy(update={"title": "The Korean War"}), author="Ann")
    sample_store.delete_event(WAR, author="Ann")
    import_file(sample_store, jsonl(tmp_path / "one.jsonl", event_record(id="one", date="2031")))
    titles = list(sample_store.history()[["action", "title"]].itertuples(index=False, name=None))
    assert titles[:3] == [("import", "import of one.jsonl into 'curated': 1 added, 0 replaced"),
                          ("delete", "The Korean War"),  # as it was before the delete
                          ("edit", "The Korean War")]
