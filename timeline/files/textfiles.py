"""Files as the readers get them: a regular file, holding text, as UTF-8.

Every reader of this program (the project's CSV, JSON Lines and JSON; GDELT and ICEWS) reads
UTF-8 only. A file in another encoding is read only when the user names it (``--encoding
cp1252``) or asks for it to be detected (``--encoding detect``, by charset-normalizer, which
names the encoding it chose); it is then written out as UTF-8 first, streamed, so a reader
never sees anything else. A byte that is not text in the encoding is refused with the line and
the byte offset where it stands, never replaced or guessed at: one stray byte otherwise lands
as mojibake ("RÃ©union") with nobody told.

Everything here reads a file in chunks of :data:`CHUNK` bytes: memory stays the same for a
file of any size. Nothing here knows events; problems come as :class:`NotReadable` with the
line they stand on (0: the file as a whole).
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1024 * 1024
DETECT = "detect"
# charset-normalizer judges an encoding from samples of this much of the file's start.
DETECTION_SAMPLE = 4 * 1024 * 1024
_UTF8 = codecs.lookup("utf-8").name
_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class NotReadable(ValueError):
    """A file this program will not read: ``line`` (0: the file as a whole) and why."""

    def __init__(self, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(message)


@dataclass(frozen=True)
class Text:
    """A file as UTF-8 text: ``path`` is the file itself, or its transcoding when it was in
    another ``encoding``; ``detected`` when that encoding was detected rather than given;
    ``blank`` when it holds nothing but white space (and a byte-order mark)."""

    path: Path
    encoding: str
    detected: bool = False
    blank: bool = False

    @property
    def transcoded(self) -> bool:
        return self.encoding != _UTF8


def regular_file(path: Path) -> os.stat_result:
    """The file's status, symbolic links followed; :class:`NotReadable` unless it is a
    regular file. Reading a named pipe blocks until someone writes to it, ``/dev/zero`` never
    ends and reports a size of 0: only regular files have a size that means something."""
    status = os.stat(path)  # follows links: a link to /dev/zero is /dev/zero
    if stat.S_ISREG(status.st_mode):
        return status
    kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a regular file")
    target = Path(os.path.realpath(path))
    shown = f" ({target})" if target != Path(os.path.abspath(path)) else ""
    raise NotReadable(0, f"is {kind}{shown}, not a file: only regular files are imported")


def encoding_name(name: str | None) -> str | None:
    """The codec's own name for an encoding a user typed (``latin1`` → ``iso8859-1``), ``None``
    for the default (UTF-8) and :data:`DETECT` as it is; ``ValueError`` for an unknown one."""
    if name is None or name == DETECT:
        return name
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}: give a name such as utf-8, cp1252, "
                         f"latin-1, gbk, shift_jis or utf-16, or {DETECT!r}") from None


def as_utf8(path: Path, *, encoding: str | None = None, into: Path | None = None) -> Text:
    """The file as UTF-8 text, checked from end to end in one streamed pass.

    ``encoding`` ``None`` (or any name of UTF-8): the file must be UTF-8 (a byte-order mark
    is allowed) and is read where it is. Another encoding, or :data:`DETECT`: the file is
    decoded in it and written as UTF-8 to ``into``. Raises :class:`NotReadable` for a byte
    that is not text in the encoding (its line and offset), a NUL character (a binary file),
    UTF-16/32 text read as UTF-8, or an encoding that cannot be detected; ``ValueError`` for
    an unknown encoding name.
    """
    detected = encoding == DETECT
    codec = _detected(path) if detected else encoding_name(encoding) or _UTF8
    if codec in (_UTF8, "utf-8-sig"):
        return _checked_utf8(path, detected)
    if into is None:
        raise ValueError(f"{path} is {codec} text: give a file to write it to as UTF-8")
    return _transcoded(path, codec, into, detected)


def _checked_utf8(path: Path, detected: bool) -> Text:
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines, offset, blank = 1, 0, True
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            if offset == 0:
                for bom, name in _BOMS:
                    if chunk.startswith(bom):
                        raise NotReadable(1, f"{name} text: give --encoding {name.lower()}, or "
                                             f"save the file as UTF-8")
                chunk_text = chunk.removeprefix(codecs.BOM_UTF8)
            else:
                chunk_text = chunk
            _refuse_nul(chunk, lines)
            pending = decoder.getstate()[0]  # the start of a character cut by the last chunk
            if pending or not chunk.isascii():  # ASCII is UTF-8: skip the decoder (4x faster)
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    _refuse_byte(path, _UTF8, pending + chunk, error, lines,
                                 offset - len(pending))
            blank = blank and not chunk_text.strip()
            lines += chunk.count(b"\n")
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise NotReadable(lines, f"not UTF-8 text: a character cut off at the end (offset "
                                 f"{offset}); the file may be cut short") from None
    return Text(path, _UTF8, detected, blank)


def _transcoded(path: Path, codec: str, into: Path, detected: bool) -> Text:
    decoder = codecs.getincrementaldecoder(codec)()
    lines, offset, blank = 1, 0, True
    into.parent.mkdir(parents=True, exist_ok=True)
    with path.open("rb") as stream, into.open("w", encoding="utf-8", newline="") as sink:
        while chunk := stream.read(CHUNK):
            pending = decoder.getstate()[0]
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                _refuse_byte(path, codec, pending + chunk, error, lines, offset - len(pending),
                             detected)
            nul = text.find("\0")
            if nul >= 0:
                raise NotReadable(lines + text.count("\n", 0, nul),
                                  "binary file, not events (it holds a NUL character)")
            blank = blank and not text.strip(" \t\r\n\f\v\ufeff")
            sink.write(text)
            lines += text.count("\n")
            offset += len(chunk)
        try:
            sink.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError:
            raise NotReadable(lines, f"not {codec} text: a character cut off at the end "
                                     f"(offset {offset})") from None
    return Text(into, codec, detected, blank)


def _refuse_nul(chunk: bytes, lines: int) -> None:
    nul = chunk.find(b"\0")
    if nul >= 0:
        raise NotReadable(lines + chunk.count(b"\n", 0, nul),
                          "binary file, not events (it holds a NUL byte)")


def _refuse_byte(path: Path, codec: str, data: bytes, error: UnicodeDecodeError, lines: int,
                 start: int, detected: bool = False) -> None:
    """Raise :class:`NotReadable` for the byte ``error`` points at in ``data`` (which starts
    at offset ``start`` of the file, on line ``lines``), showing the line as far as it reads."""
    line = lines + data.count(b"\n", 0, error.start)
    shown = data[data.rfind(b"\n", 0, error.start) + 1:error.start][-60:]
    reads = shown.decode(codec, errors="replace").strip("\r\ufeff")
    label = "UTF-8" if codec == _UTF8 else codec
    if detected:
        how = f"it was detected as {codec}, wrongly: give the encoding with --encoding NAME"
    elif codec == _UTF8:
        how = ("give the file's encoding with --encoding NAME (cp1252, latin-1, gbk, …) or "
               f"--encoding {DETECT}, or save the file as UTF-8")
    else:
        how = "is it the right encoding?"
    raise NotReadable(line, f"not {label} text: byte 0x{data[error.start]:02X} at offset "
                            f"{start + error.start} (line {line} reads {reads!r} before it); "
                            f"{how}") from None


def _detected(path: Path) -> str:
    """The codec name charset-normalizer finds for the file's start; :class:`NotReadable`
    when it finds none (a binary file, or too little text to tell)."""
    from charset_normalizer import from_bytes  # loaded only when detection is asked for

    with path.open("rb") as stream:
        sample = stream.read(DETECTION_SAMPLE)
    best = from_bytes(sample).best()
    if best is None:
        raise NotReadable(0, "its encoding could not be detected: give it with --encoding NAME")
    codec = encoding_name(best.encoding) or _UTF8
    return _UTF8 if codec == "ascii" else codec  # ASCII is UTF-8
