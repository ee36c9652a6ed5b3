"""Reading and writing CSV as Swedish spreadsheets do (crm.core.csvio), on real files."""
import codecs
import csv
import io

import pytest

from crm.core.csvio import Dialect, UnreadableFile, detect, neutralise, read_rows, write_csv

from .conftest import DATA


def test_utf8_with_bom_and_semicolons_is_detected_and_read():
    data = (DATA / "employers_utf8_bom_semicolon.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    dialect = detect(data)
    assert dialect == Dialect("utf-8-sig", ";")
    rows = list(read_rows(data, dialect))
    assert rows[0][1][0] == "Företag"  # no BOM left on the first header
    assert rows[1][1][0] == "Kaffebaren Åkesson AB"
    # A quoted cell with a separator and a line break stays one cell; the next record starts on line 4.
    assert rows[1][1][-1] == "Pratade om disk; kök\r\noch lager"
    assert [line for line, _ in rows] == [1, 2, 4, 5, 6, 7]


def test_windows_1252_with_commas_is_detected_and_read():
    data = (DATA / "employers_cp1252_comma.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really Windows-1252 bytes
    dialect = detect(data)
    assert dialect == Dialect("cp1252", ",")
    rows = [cells for _, cells in read_rows(data, dialect)]
    assert rows[1][0] == "Åhléns Nyköping" and rows[1][3] == "Märta Lund"
    assert rows[3][0] == "Snickeri Öst, Nyköping"


def test_semicolon_wins_over_decimal_commas():
    data = "Företag;Antal anställda;Omsättning\nBageriet;12;3,5\nKaffet;4;1,25\n".encode()
    assert detect(data).delimiter == ";"


def test_tab_separated_and_single_column_files():
    assert detect(b"Namn\tKommun\nA\tB\n").delimiter == "\t"
    assert detect("Företag\nBageriet\n".encode()).delimiter in (",", ";")


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02PK"])
def test_empty_or_binary_files_are_refused(data):
    with pytest.raises(UnreadableFile):
        detect(data)


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil.example","x")', "+SUM(A1:A9)", "-2+3", "@cmd",
                                  "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_written_files_open_in_swedish_excel_with_hostile_cells_defused():
    data = write_csv([["Kaffebaren", "=HYPERLINK(\"http://evil.example\")", None, 12]],
                     ["Namn", "Webb", "Tom", "Antal"])
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Namn", "Webb", "Tom", "Antal"], ["Kaffebaren", "'=HYPERLINK(\"http://evil.example\")", "", "12"]]
