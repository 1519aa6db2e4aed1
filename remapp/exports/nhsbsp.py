"""Mammography in the NHS Breast Screening Programme dose-audit layout: one CSV row per exposure.

The fifteen columns are the ones the NHSBSP dose survey spreadsheet reads, in its order. Values the DICOM
objects do not carry (cassette size, density setting, comments) stay empty, as the programme expects.
"""

from remapp.exports.cells import number_text, safe_text
from remapp.exports.columns import STUDY_IDENTITY_COLUMNS, ExportSpec
from remapp.exports.projection import MG_EXPORT, load_projection_events
from remapp.models import IrradiationEventXRayData, Modality
from remapp.quantities import quantity

# The survey's "mAs": the stored tube exposure (uA.s) in the exposure quantity's display unit, mA.s.
EXPOSURE = quantity("exposure")

NHSBSP_HEADERS = (
    "Survey number",
    "Patient number",
    "View code",
    "kV",
    "Anode",
    "Filter",
    "Thickness",
    "mAs",
    "large cassette used",
    "auto/man",
    "Auto mode",
    "Density setting",
    "Age",
    "Comment",
    "AEC density mode",
)
# The survey number is fixed: one export is one survey.
SURVEY_NUMBER = "1"
# NHSBSP view codes for the DICOM image views (CID 4014 code meanings); "OB" is the programme's oblique.
VIEW_CODES = {
    "cranio-caudal": "CC",
    "medio-lateral oblique": "OB",
    "medio-lateral": "ML",
    "latero-medial": "LM",
}
# Element symbols for anode target (CID 10016) and filter (CID 10006) materials, by the meaning's first word.
MATERIAL_SYMBOLS = {
    "tungsten": "W",
    "molybdenum": "Mo",
    "rhodium": "Rh",
    "silver": "Ag",
    "aluminum": "Al",
    "aluminium": "Al",
    "copper": "Cu",
}


def view_code(laterality: str | None, image_view: str | None) -> str:
    """Laterality initial and NHSBSP view, e.g. ("Right", "cranio-caudal") -> "RCC"."""
    side = (laterality or "").strip()[:1].upper()
    view = (image_view or "").strip()
    return side + VIEW_CODES.get(view.lower(), view)


def material_symbol(material: str | None) -> str:
    """The element symbol of a target or filter material, or the material as recorded when it is unknown."""
    text = (material or "").strip()
    # Code meanings read "Tungsten or Tungsten compound" (CID 10016); the first word names the element.
    first_word = text.split(" ", 1)[0].lower()
    return MATERIAL_SYMBOLS.get(first_word, text)


def automatic_or_manual(mode: str | None) -> str:
    """The survey's auto/man column from Exposure Control Mode (0018,7060): AUTO, MAN, or the mode as given."""
    mode = (mode or "").strip().upper()
    return {"AUTOMATIC": "AUTO", "MANUAL": "MAN"}.get(mode, mode)


def automatic_mode(mode: str | None, description: str | None) -> str:
    """The survey's Auto mode column: the AEC mode a unit names in Exposure Control Mode Description (0018,7062).

    GE Senographe writes the mode first ("AOP standard RECTANGLE 822 mm ..."): its first two words. Other units'
    descriptions are given as they are (up to 40 characters); a manual exposure has no auto mode.
    """
    if (mode or "").strip().upper() == "MANUAL":
        return ""
    text = " ".join((description or "").split())
    if text.upper().startswith("AOP "):
        return " ".join(text.split()[:2])
    return text[:40]


def nhsbsp_rows(patient_number: int, study: dict, events: list[dict]):
    """One NHSBSP row per exposure of one study."""
    age = number_text(study.get("patient_study__patient_age_years"))
    for event in events:
        yield [
            SURVEY_NUMBER,
            str(patient_number),
            safe_text(view_code(event.get("laterality__code_meaning"), event.get("image_view__code_meaning"))),
            number_text(event.get("source__kvp")),
            safe_text(material_symbol(event.get("source__anode_target_material__code_meaning"))),
            safe_text(material_symbol(event.get("filter_material"))),
            number_text(event.get("mechanical__compression_thickness_mm")),
            number_text(EXPOSURE.to_display(event.get("source__exposure_uas"))),
            "",
            safe_text(automatic_or_manual(event.get("source__exposure_control_mode"))),
            safe_text(
                automatic_mode(
                    event.get("source__exposure_control_mode"), event.get("source__exposure_control_mode_description")
                )
            ),
            "",
            age,
            "",
            "",
        ]


NHSBSP_EXPORT = ExportSpec(
    key="nhsbsp",
    label="Mammography NHSBSP",
    modality=Modality.MG,
    study_columns=STUDY_IDENTITY_COLUMNS,
    event_columns=MG_EXPORT.event_columns,
    event_model=IrradiationEventXRayData,
    load_events=load_projection_events,
    formats=("csv",),
    csv_layout="exposures",
    fixed_headers=NHSBSP_HEADERS,
    fixed_rows=nhsbsp_rows,
)
