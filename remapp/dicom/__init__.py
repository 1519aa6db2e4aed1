"""Reading DICOM: pydicom only, no Django. Pure functions, easy to fuzz.

Public API (stable; other modules depend on it):

``remapp.dicom.content``
    ``read_content_tree(dataset, fast=True) -> ContentItem``: the SR document as small typed nodes (``fast``:
    read from the encoded bytes by ``remapp.dicom.fast_sr``; ``False``: through pydicom; either gives the same
    tree). A ``ContentItem`` has ``concept`` (pydicom ``Code``), ``value_type`` ("NUM", "CODE", "TEXT",
    "UIDREF", "DATETIME", "CONTAINER", ...), ``relationship``, ``value`` (NUM: tuple of exact Decimals; CODE:
    Code; TEXT/UIDREF/DATETIME: str; PNAME: never read), ``unit`` (NUM: Code), ``qualifier`` and ``children``.
    ``find_items(node, concept, value_type=None, recursive=False) -> list[ContentItem]`` and
    ``find_item(...) -> ContentItem | None`` (missing -> None; an unexpected repeat is logged once).
    ``code_key(code)``: (value, scheme) with SRT codes mapped to SCT, for comparing codes (from ``snomed``).
    ``read_code(item)``: a code sequence item as a ``Code``.
``remapp.dicom.snomed``
    ``to_sct(code) -> Code``: a legacy SNOMED-RT (SRT, SNM3, 99SDM) code as its SNOMED CT code, meaning kept; other
    codes unchanged. ``code_key`` is built on it.
``remapp.dicom.values``
    Item readers: ``num``, ``nums``, ``measurement(item, to_unit)``, ``measurements``, ``count``, ``code``,
    ``text``, ``uid``, ``datetime_value``. Value parsers: ``parse_da``, ``parse_tm``, ``parse_dt``, ``parse_ds``,
    ``parse_is``, ``parse_as`` (age -> years). Header readers by keyword: ``header_text``, ``header_date``,
    ``header_time``, ``header_datetime``, ``header_decimal``, ``header_int``, ``header_age_years``,
    ``combine_date_time``.
``remapp.dicom.units``
    ``convert(value, from_unit, to_unit) -> Decimal | None``: the one unit converter (UCUM codes and known
    misspellings; unknown -> None, logged). ``conversion_factor``, ``is_known_unit``.
``remapp.dicom.reader``
    ``read_dicom_file(path) -> Dataset``: pydicom read that refuses truncated and mis-framed files
    (``DicomReadError``, after ``remapp.dicom.framing.check_file``).
``remapp.dicom.concepts``
    Named concept codes (``MEAN_CTDIVOL``, ``DLP``, ...); use these, never code strings.
"""
