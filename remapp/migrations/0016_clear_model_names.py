# Model classes renamed from abbreviations to the clear style of the rest of the schema (CtIrradiationEvent):
# RenameModel keeps every row; the tables are renamed with their models, foreign keys follow.

from django.db import migrations

RENAMES = [
    ("AccumCassetteBsdProjRadiogDose", "AccumulatedCassetteProjectionDose"),
    ("AccumIntegratedProjRadiogDose", "AccumulatedIntegratedProjectionDose"),
    ("AccumMammographyXRayDose", "AccumulatedMammographyXRayDose"),
    ("AccumProjXRayDose", "AccumulatedProjectionXRayDose"),
    ("AccumXRayDose", "AccumulatedXRayDose"),
    ("IrradEventXRayDetectorData", "IrradiationEventXRayDetectorData"),
    ("IrradEventXRaySourceData", "IrradiationEventXRaySourceData"),
    ("IrradEventXRayMechanicalData", "IrradiationEventXRayMechanicalData"),
]


class Migration(migrations.Migration):

    dependencies = [
        ("remapp", "0015_drop_fields_nothing_writes"),
    ]

    operations = [migrations.RenameModel(old_name=old, new_name=new) for old, new in RENAMES]
