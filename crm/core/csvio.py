"""CSV in and out, the way Swedish spreadsheets write and read it.

Reading: UTF-8 (with or without BOM) or Windows-1252, comma, semicolon or tab, detected from the
bytes; rows are streamed, never held all at once. Writing: UTF-8 with a BOM and `;` as separator,
because Excel with Swedish settings uses the comma as decimal sign and opens such a file straight
into columns; cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection).
"""
import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

DELIMITERS = ",;\t"
WRITE_DELIMITER = ";"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class Dialect:
    encoding: str  # "utf-8-sig" or "cp1252"
    delimiter: str


class UnreadableFile(ValueError):
    """The bytes are not a CSV file this app can read: empty, binary, no header (`line` None), or a
    record that cannot be read (`line` where it starts; `reason` "encoding" or "too_long")."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason if line is None else f"{reason} at line {line}")
        self.reason, self.line = reason, line


def _is_utf8(data: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), 1 << 20):
            decoder.decode(data[start:start + (1 << 20)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect(data: bytes) -> Dialect:
    """The encoding (UTF-8 first, then Windows-1252, which decodes any byte) and the separator."""
    if not data.strip() or b"\x00" in data:
        raise UnreadableFile("empty or binary")
    encoding = "utf-8-sig" if _is_utf8(data) else "cp1252"
    sample = data[:_SNIFF_BYTES].decode(encoding, errors="ignore")
    header = sample.splitlines()[0] if sample.splitlines() else ""
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: header.count(d) for d in DELIMITERS}
        delimiter = max(counts, key=counts.get) if any(counts.values()) else ";"
    if delimiter == "," and header.count(";") > header.count(","):
        delimiter = ";"  # the sniffer guesses wrong on Swedish decimals ("12,5;…")
    return Dialect(encoding, delimiter)


def read_rows(data: bytes, dialect: Dialect) -> Iterator[tuple[int, list[str]]]:
    """(line number in the file, cells) for each record, streamed. A quoted cell may span lines:
    the number is the line where the record starts, as a spreadsheet user would look for it.
    UnreadableFile names the line where a byte the encoding does not define (0x81 in Windows-1252)
    or a cell longer than csv.field_size_limit() (131,072 characters) stops the reading."""
    text = io.TextIOWrapper(io.BytesIO(data), encoding=dialect.encoding, newline="")
    reader = csv.reader(text, delimiter=dialect.delimiter)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as error:  # the text is decoded ahead in blocks: find the byte's line
            start = _first_undecodable(data, dialect.encoding)
            raise UnreadableFile("encoding", data.count(b"\n", 0, start) + 1) from error
        except csv.Error as error:
            raise UnreadableFile("too_long" if "field limit" in str(error) else "format", line) from error
        yield line, row
        line = reader.line_num + 1


def _first_undecodable(data: bytes, encoding: str) -> int:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        return error.start
    return len(data)


def check_rows(data: bytes, dialect: Dialect) -> None:
    """Read the whole file once, so that a file that cannot be read is refused when it is uploaded
    rather than failing later steps (UnreadableFile naming the line)."""
    for _ in read_rows(data, dialect):
        pass


def neutralise(value) -> str:
    """The text of a cell, with an apostrophe before anything a spreadsheet would run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def write_csv(rows: Iterable[Iterable], header: Iterable) -> bytes:
    """A CSV file as bytes (UTF-8 with BOM, `;`-separated), every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=WRITE_DELIMITER, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
