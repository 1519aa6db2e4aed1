"""Physics: pure functions and published tables kept as data files; no Django, no database.

Every result is a small frozen dataclass carrying the value (``Decimal``), the method, the table or reference
used and its parameters, or no value and the reason. Nothing is guessed. Public API:

``remapp.physics.effective_dose``
    ``effective_dose(dlp_mgycm, target_region, age_years, phantom, table="default") -> EffectiveDoseResult``:
    CT effective dose of one irradiation event (DLP x k); ``study_effective_dose(events, reported_msv)``.
``remapp.physics.k_factors``
    ``k_factor(table, region, age_band, phantom_cm) -> KFactorResult``; ``builtin_k_factor_tables()``;
    ``load_k_factor_table(path)`` for a site's own or extended table (``PhysicsTableError`` on a bad row).
``remapp.physics.regions``
    ``body_region(target_region_code) -> RegionResult`` (DICOM CID 4030 codes, SNOMED CT and legacy SRT);
    ``load_region_map(path)``.
``remapp.physics.age_bands``
    ``age_band(age_years) -> AgeBandResult`` (0, 1, 5, 10, adult).
``remapp.physics.phantoms``
    ``phantom_diameter_cm(code)``: 16 or 32 from the CTDIw Phantom Type code.
``remapp.physics.ssde``
    ``ssde(ctdivol_mgy, reported_ssde_mgy, water_equivalent_diameter_mm, phantom) -> SsdeResult`` (AAPM TG-204/220).
``remapp.physics.deviation_index``
    ``deviation_index_band(deviation_index) -> DeviationIndexBandResult`` (AAPM TG-116).
``remapp.physics.tables``
    ``PhysicsTableError``: the one error of a table file, a one-line message naming file, line and field.

The published values and how a site extends them are listed in docs/physics.rst.
"""
