"""Synthetic DICOM dose objects with controllable values, for tests, benchmarks and the demo (pydicom only).

Every generator returns a pydicom ``Dataset`` with proper file meta (Explicit VR Little Endian); write it with
``write(dataset, path)``. All arguments are keyword arguments. The same arguments (including ``seed``) give the
same object, byte for byte: UIDs are derived from the seed and the study, never random.

Generators (``from remapp.synthetic import ...``)

``ct_rdsr(events=None, n_events=2, body_part="chest", seed=0, **header)``
    CT X-Ray Radiation Dose SR (1.2.840.10008.5.1.4.1.1.88.67), TID 10011. ``events`` is a list of ``CtEvent``
    (TID 10013: protocol, acquisition_type, target_region, ctdivol_mgy, dlp_mgycm, phantom, scanning_length_mm,
    exposure_time_s, single_collimation_mm, total_collimation_mm, pitch, sources=[CtSource(kvp, tube_current_ma,
    max_tube_current_ma, rotation_time_s, identification)], dose_check=CtDoseCheck(...) for TID 10015,
    irradiation_event_uid, started, modulation_type, comment). Without ``events``, a localizer plus
    n_events - 1 spirals for ``body_part`` (head, chest, abdomen, chest_abdomen_pelvis) come from the seed.
    TID 10012 carries the event count and CT Dose Length Product Total = exact sum of the event DLPs.

``rf_rdsr(events=None, n_events=6, seed=0, **header)``
    Fluoroscopy dose SR, TID 10001: ``ProjectionEvent`` list (fluoroscopy and acquisition events, planes
    "single", "A", "B"); one Accumulated X-Ray Dose container per plane with TID 10004 totals (fluoro and
    acquisition DAP, dose at RP, times; overall DAP and dose at RP; frame count), each the sum of the events.

``dx_rdsr(events=None, n_events=2, accumulation="projection", seed=0, **header)``
    Radiography dose SR, TID 10001; totals as TID 10004 ("projection", as DR units commonly send) or TID 10007
    ("integrated").

``mg_rdsr(events=None, n_events=4, seed=0, **header)``
    Mammography dose SR, TID 10001 with procedure Mammography: events with AGD, entrance exposure, HVL,
    anode/filter, compression thickness and force, laterality (anatomical structure breast + laterality
    modifier) and view; TID 10005 accumulated AGD per breast (sum of that breast's events).

``mammo_image(**values)``
    Keywords: kvp, tube_current_ma, exposure_time_ms, exposure_mas, anode_target_material, filter_material,
    filter_thickness_mm, compressed_thickness_mm, compression_force_n, average_glandular_dose_mgy,
    entrance_dose_mgy, view, laterality, protocol_name, presentation, distance_source_to_detector_mm,
    acquisition_datetime, irradiation_event_uid, source_image_uid, seed, and the header keywords.
    Digital Mammography X-Ray Image Storage (For Presentation, or For Processing with
    presentation="FOR PROCESSING"). OrganDose is written in dGy (AGD mGy / 100), EntranceDoseInmGy in mGy.
    ``source_image_uid`` makes a derived image of that For Processing image (Source Image Sequence), as a
    For Presentation copy of the same exposure; ``irradiation_event_uid`` writes (0008,3010).

``dx_image(**values)``
    Keywords: kvp, tube_current_ma, exposure_time_ms, exposure_mas, dose_area_product_dgycm2, exposure_index,
    target_exposure_index, deviation_index, distance_source_to_detector_mm, region, view, laterality,
    protocol_name, filter_material, filter_thickness_mm, presentation, modality, acquisition_datetime,
    irradiation_event_uid, source_image_uid, seed, and the header keywords.
    Digital X-Ray Image Storage (For Presentation / For Processing) or CR (modality="CR");
    ImageAndFluoroscopyAreaDoseProduct in dGy.cm2.

``philips_ct_dose_screen(series=None, n_series=3, protocol_name, body_part, seed=0, **header)``
    Philips CT dose-info Secondary Capture (Brilliance shape): ``PhilipsSeries`` list (surview first) in
    Exposure Dose Sequence with CTDIvol and private ELSCINT1 DLP (00E1,1021); total DLP (sum) at top level.

Header keyword arguments (all generators; see ``Header``): study_instance_uid, series_instance_uid,
sop_instance_uid, study_datetime, accession_number, study_id, study_description, requested_procedure_description,
series_number, instance_number, series_description, institution_name, institution_address,
institutional_department_name, manufacturer, manufacturer_model_name, station_name, device_serial_number,
software_versions, patient_name (e.g. "PHYSICS^TEST" for test-patient cases), patient_id, patient_birth_date,
patient_age ("045Y"), patient_sex, patient_size_m, patient_weight_kg, operator_name.
An unknown keyword raises TypeError. Several images of one study: same study_instance_uid, different
instance_number (or sop_instance_uid). An updated report of the same study: same study and seed (so the same
event UIDs), a new sop_instance_uid.

Units are those of DICOM (mGy, mGy.cm, Gy.m2, Gy, s, ms, mm, kV, mA, uA.s, N); values are written as exact
decimal strings, so a reader finds exactly the number passed in. ``codes`` holds the DCM/SCT/UCUM codes used.
"""

from remapp.synthetic import codes
from remapp.synthetic.ct import CtDoseCheck, CtEvent, CtSource, ct_rdsr
from remapp.synthetic.header import Header, make_uid, write
from remapp.synthetic.images import dx_image, mammo_image
from remapp.synthetic.philips import PhilipsSeries, philips_ct_dose_screen, surview
from remapp.synthetic.projection import dx_rdsr, mg_rdsr, rf_rdsr
from remapp.synthetic.projection_events import ProjectionEvent, XRayFilter

__all__ = [
    "CtDoseCheck",
    "CtEvent",
    "CtSource",
    "Header",
    "PhilipsSeries",
    "ProjectionEvent",
    "XRayFilter",
    "codes",
    "ct_rdsr",
    "dx_image",
    "dx_rdsr",
    "make_uid",
    "mammo_image",
    "mg_rdsr",
    "philips_ct_dose_screen",
    "rf_rdsr",
    "surview",
    "write",
]
