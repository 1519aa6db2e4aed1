"""Reading the CSV file: every kind of bad file is refused with one message naming the file and the problem."""

import pytest

from remapp.ptsize.csvfile import PatientSizeCsvError, SizeRow, read_column_titles, read_size_table

GOOD = 'Patient name,"Accession No",Weight (kg),"Height, cm"\r\nA B,ACC1,80,172\r\nC D,ACC2,,165\r\n'


def test_it_reads_quoted_titles_with_spaces_in_any_order_and_ignores_extra_columns(write_csv):
    table = read_size_table(write_csv(GOOD), "Accession No", "Height, cm", "Weight (kg)")
    assert table.titles == ["Patient name", "Accession No", "Weight (kg)", "Height, cm"]
    assert table.rows == [SizeRow(1, "ACC1", "172", "80"), SizeRow(2, "ACC2", "165", "")]


def test_it_allows_a_blank_column_for_a_missing_weight(write_csv):
    table = read_size_table(write_csv(GOOD), "Accession No", "Height, cm", "")
    assert table.rows == [SizeRow(1, "ACC1", "172", ""), SizeRow(2, "ACC2", "165", "")]


def test_it_reads_a_utf8_file_with_a_byte_order_mark_and_semicolons(write_csv):
    path = write_csv("\ufeffAccession;Height;Weight\nACC1;172,5;80\n\nACC2;;81\n".encode())
    table = read_size_table(path, "Accession", "Height", "Weight")
    assert table.rows == [SizeRow(1, "ACC1", "172,5", "80"), SizeRow(2, "ACC2", "", "81")]


def test_it_treats_short_rows_as_blank_cells(write_csv):
    table = read_size_table(write_csv("id,h,w\nACC1,170\n"), "id", "h", "w")
    assert table.rows == [SizeRow(1, "ACC1", "170", "")]


def test_it_lists_the_column_titles_for_the_web_form(write_csv):
    assert read_column_titles(write_csv(GOOD)) == ["Patient name", "Accession No", "Weight (kg)", "Height, cm"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "ris.csv: the file is empty"),
        (b"\r\n\r\n", "ris.csv: the file is empty"),
        (b"Accession,Height,Weight\r\n", "ris.csv: the file has column titles but no data rows"),
        (
            "Accession,Height,Weight\nACC1,170,80,Ren\xe9\n".encode("latin-1"),
            "ris.csv: not UTF-8 text (byte 0xE9 on line 2); save it as 'CSV UTF-8'",
        ),
        ("Accession,Height\nA,1\n".encode("utf-16"), "ris.csv: this is UTF-16 text; save it as 'CSV UTF-8' instead"),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "ris.csv: this is an Excel workbook or zip file, not CSV; save it as 'CSV UTF-8'",
        ),
        (b"%PDF-1.4\n\x00\x01\x02", "ris.csv: this is not a CSV text file (it contains binary data)"),
        (
            b"Just some notes\nabout patients\n",
            "ris.csv: found only one column title; a patient-size CSV needs a title row with an identifier column "
            "and a height or weight column, separated by commas",
        ),
        (
            b'Accession,Height,Weight\nACC1,"170,80\n',
            "ris.csv: not a well-formed CSV file (line 2: unexpected end of data)",
        ),
    ],
    ids=["empty", "blank-lines", "titles-only", "latin-1", "utf-16", "xlsx", "binary", "not-csv", "bad-quotes"],
)
def test_it_refuses_a_bad_file_with_a_clear_message(write_csv, content, message):
    with pytest.raises(PatientSizeCsvError) as error:
        read_size_table(write_csv(content), "Accession", "Height", "Weight")
    assert str(error.value) == message


def test_it_names_a_missing_chosen_column_and_the_columns_there_are(write_csv):
    with pytest.raises(PatientSizeCsvError) as error:
        read_size_table(write_csv(GOOD), "Accession No", "Height", "Weight (kg)")
    assert str(error.value) == (
        'ris.csv: no column titled "Height" for the height; the columns are '
        '"Patient name", "Accession No", "Weight (kg)", "Height, cm"'
    )


def test_it_refuses_a_title_used_twice(write_csv):
    with pytest.raises(PatientSizeCsvError, match='ris.csv: the title "W" is used by more than one column'):
        read_size_table(write_csv("id,W,W\nA,1,2\n"), "id", "", "W")


def test_it_needs_a_height_or_a_weight_column(write_csv):
    with pytest.raises(PatientSizeCsvError, match="ris.csv: choose a height column, a weight column or both"):
        read_size_table(write_csv(GOOD), "Accession No", "", "")


def test_it_refuses_a_file_over_the_size_limit(write_csv, settings):
    settings.OPENREM_PATIENT_SIZE_MAX_BYTES = 1024 * 1024
    path = write_csv("id,h,w\n" + "ACC0000001,170.5,80.5\n" * 60_000)
    with pytest.raises(PatientSizeCsvError) as error:
        read_size_table(path, "id", "h", "w")
    assert str(error.value) == "ris.csv: 1.3 MB is larger than the 1.0 MB limit; split it into smaller files"


def test_it_refuses_a_file_over_the_row_limit(write_csv, settings):
    settings.OPENREM_PATIENT_SIZE_MAX_ROWS = 10
    with pytest.raises(PatientSizeCsvError, match="ris.csv: more than 10 rows; split it into smaller files"):
        read_size_table(write_csv("id,h,w\n" + "A,170,80\n" * 11), "id", "h", "w")
    assert len(read_size_table(write_csv("id,h,w\n" + "A,170,80\n" * 10), "id", "h", "w").rows) == 10
