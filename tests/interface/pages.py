"""Reading rendered pages in tests: the text of a table's body cells, row by row."""

import re


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The text of every body cell of the table with this id, one list per row, tags and extra spaces removed."""
    body = html.split(f'id="{table_id}"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        ]
        for row in rows
    ]


def table_headings(html: str, table_id: str) -> list[str]:
    """The text of every heading cell in the table's head."""
    head = html.split(f'id="{table_id}"', 1)[1].split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
        for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, flags=re.S)
    ]
