"""Bad files: a clear refusal, at once, in bounded memory (issue 12).

Encodings (a stray byte is refused at its line and byte offset; other encodings only when
given or asked to be detected), quotes left open, files that are not regular files, zip
bombs and deep JSON. Memory, a full disk and a lack of memory are in
``test_import_resources.py``: they run the command line in processes of their own.
"""

from __future__ import annotations

import json
import os
import threading
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from tests.builders import gdelt_row, plain, uploaded
from tests.reliability.inputs import HEADER, line, put, row, snapshot
from timeline.cli.main import main
from timeline.core.filters import EventFilter
from timeline.files.textfiles import as_utf8
from timeline.store.importers import detect_format, import_file

# -- encodings ---------------------------------------------------------------------------------

STRAY = [
    # (file name, bytes, line, offset of the bad byte)
    ("stray.csv", (HEADER + row() + row("b", title="Réunion")).encode("utf-8")
     .replace("é".encode(), b"\xe9"), 3),
    ("stray.jsonl", (line() + line(id="b", title="Réunion")).encode("utf-8")
     .replace("é".encode(), b"\xe9"), 2),
    ("stray.tsv", (gdelt_row(1) + "\n" + gdelt_row(2, actor_name="RÉUNION") + "\n")
     .encode("utf-8").replace("É".encode(), b"\xc9"), 2),
    ("gbk.jsonl", (line() + line(id="b", title="中朝友好合作互助条约")).encode("gbk"), 2),
]


@pytest.mark.parametrize(("name", "content", "line_number"), STRAY,
                         ids=[case[0] for case in STRAY])
def test_a_byte_that_is_not_utf8_is_refused_at_its_line_and_offset(store, tmp_path, name,
                                                                    content, line_number):
    """One stray byte used to land as mojibake with exit 0 (the file read as Windows-1252)."""
    path = put(tmp_path, name, content)
    before = snapshot(store)
    summary = import_file(store, path)
    offset = next(n for n, byte in enumerate(content) if byte >= 0x80)
    [problem] = summary.problems
    assert str(problem).startswith(f"{path}:{line_number}: file: not UTF-8 text: byte "
                                   f"0x{content[offset]:02X} at offset {offset} (line "
                                   f"{line_number} reads ")
    assert "--encoding" in problem.problem.message
    assert not summary.written and snapshot(store) == before


@pytest.mark.parametrize(
    ("encoding", "title"),
    [("cp1252", "“Pact” – €5bn in Genève"), ("latin-1", "Pacte signé à Genève"),
     ("gbk", "中朝友好合作互助条约"), ("shift_jis", "日朝平壌宣言"), ("utf-16", "Договор 条约")],
)
def test_a_file_in_the_encoding_it_is_given_reads_as_written(store, tmp_path, encoding, title):
    path = put(tmp_path, "legacy.csv", (HEADER + row(title=title)).encode(encoding))
    summary = import_file(store, path, encoding=encoding)
    assert (summary.problems, summary.warnings, summary.imported) == ([], [], 1)
    assert store.get("a").title == title


def test_a_byte_that_is_not_text_in_the_given_encoding_is_refused(store, tmp_path):
    content = (HEADER + row(title="Pact") + row("b", title="Talks\x81")).encode("latin-1")
    path = put(tmp_path, "bad.csv", content)
    offset = content.index(bytes([0x81]))
    [problem] = import_file(store, path, encoding="cp1252").problems
    assert str(problem).startswith(f"{path}:3: file: not cp1252 text: byte 0x81 at offset "
                                   f"{offset} (line 3 reads 'b,2024-06,Talks'")


def test_detection_is_used_only_when_asked_and_names_the_encoding(store, tmp_path):
    titles = ["中朝友好合作互助条约签订", "两国领导人在北京会谈", "双方发表联合声明"]
    content = (HEADER + "".join(row(f"e{n}", title=t) for n, t in enumerate(titles)))
    path = put(tmp_path, "gbk.csv", content.encode("gbk"))
    assert import_file(store, path).problems  # not UTF-8: refused unless asked
    summary = import_file(store, path, encoding="detect")
    assert summary.problems == [] and summary.imported == 3
    assert [store.get(f"e{n}").title for n in range(3)] == titles
    [warning] = summary.warnings
    assert str(warning).startswith(f"{path}: file: its encoding was detected as gb18030 "
                                   f"(charset-normalizer)")


def test_a_gdelt_file_in_another_encoding_is_transcoded_before_the_bulk_reader(store,
                                                                               tmp_path):
    """The bulk reader only ever sees UTF-8: the file is written as UTF-8 into the import's
    scratch folder; the user's file is left as it was."""
    content = (gdelt_row(1, actor="", actor_name="CAFÉ DE PARIS") + "\n").encode("cp1252")
    path = put(tmp_path, "events.tsv", content)
    summary = import_file(store, path, encoding="cp1252")
    assert (summary.problems, summary.imported) == ([], 1)
    assert "CAFÉ DE PARIS" in store.get("gdelt-1").title
    assert path.read_bytes() == content


def test_zip_members_are_transcoded_one_by_one(store, tmp_path):
    path = tmp_path / "legacy.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.jsonl", line(id="a", title="Genève").encode("latin-1"))
        archive.writestr("b.csv", (HEADER + row("b", title="Zürich")).encode("latin-1"))
    summary = import_file(store, path, encoding="latin-1")
    assert (summary.problems, summary.imported) == ([], 2)
    assert (store.get("a").title, store.get("b").title) == ("Genève", "Zürich")


def test_the_cli_refuses_an_unknown_encoding_name_with_exit_2(store, tmp_path, capsys):
    path = put(tmp_path, "a.jsonl", line())
    store.close()
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(store.path), "import", str(path), "--encoding", "klingon"])
    assert exit_.value.code == 2
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def test_transcoding_is_streamed_in_bounded_memory(tmp_path):
    """23 MB of Windows-1252 text is checked and written as UTF-8 a megabyte at a time."""
    path = put(tmp_path, "big.csv", (HEADER + row(title="Café") * 400_000).encode("cp1252"))
    tracemalloc.start()
    try:
        text = as_utf8(path, encoding="cp1252", into=tmp_path / "out" / "big.csv")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert path.stat().st_size > 20_000_000 and peak < 12_000_000
    assert text.path.read_text(encoding="utf-8").count("Café") == 400_000


# -- quotes left open --------------------------------------------------------------------------

def test_a_quote_left_open_that_swallows_rows_is_refused_at_the_line_it_opened(store,
                                                                             tmp_path):
    """The issue's file: 6 data rows; the quote opened on line 3 closes on line 6, so two
    events were read as part of the summary of another and 4 rows were counted."""
    content = (HEADER.replace("\n", ",summary\n") + row("a").replace("\n", ",fine\n")
               + row("b").replace("\n", ',"unclosed\n') + row("c").replace("\n", ",x\n")
               + row("d").replace("\n", ",y\n") + row("e").replace("\n", ',z"\n')
               + row("f").replace("\n", ",fine\n"))
    path = put(tmp_path, "quote.csv", content)
    before = snapshot(store)
    summary = import_file(store, path)
    assert [(p.line, p.problem.message) for p in summary.problems] == [
        (3, "a quote opened on this line is closed only on line 6, so the rows on lines 4, "
            "5, 6 were read as part of this one: close the quote on line 3 (a quote inside a "
            "field is written twice: \"\")"),
        (4, "taken into the quoted field opened on line 3, which is not closed on its own line"),
        (5, "taken into the quoted field opened on line 3, which is not closed on its own line"),
        (6, "taken into the quoted field opened on line 3, which is not closed on its own line"),
    ]
    assert summary.rows == 6 and not summary.written and snapshot(store) == before
    skipped = import_file(store, path, skip_invalid=True)
    assert (skipped.rows, skipped.imported) == (6, 2)
    assert store.get("a").summary == "fine" and store.get("b") is None


@pytest.mark.parametrize(
    "summary",
    ["He said:\nyes, no, maybe, 2024-06, then left",  # a line of prose with commas and a date
     "First line\n\nThird line, after a blank one",
     "a,2024-06,Pact\nreads like a row but lacks fields"],
)
def test_a_summary_over_several_lines_still_reads(store, tmp_path, summary):
    quoted = '"' + summary.replace('"', '""') + '"'
    path = put(tmp_path, "multi.csv", HEADER.replace("\n", ",summary\n")
               + row("a").replace("\n", f",{quoted}\n") + row("b").replace("\n", ",x\n"))
    result = import_file(store, path)
    assert result.problems == [] and result.imported == 2
    assert store.get("a").summary == summary


# -- only regular files ------------------------------------------------------------------------

def imported_within(seconds: float, store, path: Path):
    """The import's summary; fails (instead of hanging the suite) if it takes longer."""
    done: list = []
    worker = threading.Thread(target=lambda: done.append(import_file(store, path)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert done, f"importing {path} did not finish within {seconds} s"
    return done[0]


def test_a_named_pipe_is_refused_at_once(store, tmp_path):
    """Opening a FIFO blocks until someone writes to it: it used to hang for ever."""
    path = tmp_path / "events.jsonl"
    os.mkfifo(path)
    [problem] = imported_within(10, store, path).problems
    assert str(problem) == (f"{path}: file: is a named pipe (FIFO), not a file: only regular "
                            f"files are imported")


def test_a_link_to_a_device_is_refused_and_a_link_to_a_file_is_read(store, tmp_path):
    """A link to /dev/zero has size 0 and never ends: it used to grow to 14 GB."""
    zero = tmp_path / "zero.jsonl"
    zero.symlink_to("/dev/zero")
    [problem] = imported_within(10, store, zero).problems
    assert str(problem) == (f"{zero}: file: is a character device (/dev/zero), not a file: "
                            f"only regular files are imported")
    good = tmp_path / "good.jsonl"
    good.symlink_to(put(tmp_path, "real.jsonl", line()))
    assert imported_within(10, store, good).imported == 1


def test_a_folder_is_refused_with_one_line(store, tmp_path):
    folder = tmp_path / "events.csv"
    folder.mkdir()
    assert [str(p) for p in import_file(store, folder).problems] == [
        f"{folder}: file: is a folder, not a file: only regular files are imported"]


def test_the_cli_refuses_a_fifo_with_exit_1(store, tmp_path, capsys):
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    store.close()
    assert main(["--db", str(store.path), "import", str(path)]) == 1
    assert f"{path}: file: is a named pipe (FIFO)" in capsys.readouterr().err


# -- zip bombs ---------------------------------------------------------------------------------

def test_a_member_expanding_far_beyond_its_packed_size_is_refused_before_unpacking(store,
                                                                                  tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("events.jsonl", line() + " " * 50_000_000 + "\n")
    info = zipfile.ZipFile(path).getinfo("events.jsonl")
    before = snapshot(store)
    [problem] = import_file(store, path).problems
    ratio = info.file_size / info.compress_size
    assert str(problem) == (
        f"{path}: file: the zip's 'events.jsonl' unpacks to 47.7 MB from "
        f"{info.compress_size / 1024:.3g} KB ({ratio:,.0f} times its packed size): a zip "
        f"bomb, not events; at most 100 times is unpacked")
    assert snapshot(store) == before


def test_ordinary_text_compresses_well_under_the_ratio_and_imports(store, tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("events.jsonl", "".join(line(id=f"e{n}") for n in range(20_000)))
    assert import_file(store, path).imported == 20_000


# -- JSON nested deep --------------------------------------------------------------------------

DEEP = [
    ("deep.json", '{"events": ' + "[" * 50_000 + "]" * 50_000 + "}", 1),
    ("deep-line.jsonl", line() + '{"a": ' + "[" * 5000 + "\n", 2),
    ("deep-first.jsonl", '{"a": ' + '{"b": ' * 3000 + "\n", 1),
    ("deep-sources.csv", HEADER.replace("source_url", "sources")
     + row(url='"' + "[" * 3000 + '"'), 2),
]


@pytest.mark.parametrize(("name", "content", "line_number"), DEEP, ids=[d[0] for d in DEEP])
def test_json_nested_deeper_than_the_cap_is_refused_with_its_line(store, tmp_path, name,
                                                                  content, line_number):
    """Format detection used to fail with a RecursionError traceback on these."""
    path = put(tmp_path, name, content)
    detect_format(path)
    problems = [str(p) for p in import_file(store, path).problems]
    assert any(p.startswith(f"{path}:{line_number}: ") and "nested more than 64 levels deep"
               in p for p in problems), problems


def test_the_import_page_refuses_deep_json_without_a_traceback(database_file):
    page = uploaded("deep.json", ('{"events": ' + "[" * 50_000).encode())
    assert not page.exception
    problems = page.dataframe[0].value
    assert list(problems["line"]) == [1]
    assert "nested more than 64 levels deep" in problems["message"][0]
    assert "Nothing in this file can be imported." in plain(page.info[0].value)


def test_a_json_list_is_read_item_by_item_with_the_line_each_starts_on(store, tmp_path):
    items = [json.loads(line(id=f"e{n}")) for n in range(3)]
    items[1]["date"] = "2024-02-30"
    path = put(tmp_path, "list.json", json.dumps(items, indent=1))
    problems = import_file(store, path, skip_invalid=True).problems
    assert [(p.line, p.problem.field) for p in problems] == [(17, "date")]
    assert store.count(EventFilter(text="pact")) >= 2


@pytest.mark.parametrize(
    ("content", "line_number", "words"),
    [('[\n{"id": "a"},\n{"id": ]}\n', 3, "not valid JSON (Expecting value)"),
     ('[{"id": "a"}\n{"id": "b"}]', 2, "a , or ] must follow an item"),
     ('[{"id": "a"}]\n[]', 2, "something follows the list"),
     ('[{"id": "a"},\n', 2, "the file ends inside the list")],
    ids=["bad-item", "no-comma", "trailing", "unclosed"],
)
def test_a_broken_json_list_names_the_line(store, tmp_path, content, line_number, words):
    path = put(tmp_path, "broken.json", content)
    problems = [str(p) for p in import_file(store, path).problems]
    assert any(p.startswith(f"{path}:{line_number}: line: ") and words in p
               for p in problems), problems


def test_an_item_cut_by_the_reading_chunk_is_read_whole(tmp_path):
    """Items are parsed as the chunks arrive: one spanning a chunk's end is read on."""
    from timeline.files.formats import read_events

    items = [json.loads(line(id=f"e{n}", summary="x" * 4000)) for n in range(600)]
    path = put(tmp_path, "chunks.json", json.dumps(items))
    result = read_events(path)
    assert result.problems == [] and len(result.events) == 600
